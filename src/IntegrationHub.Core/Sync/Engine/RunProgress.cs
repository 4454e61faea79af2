using System.Text.Json;
using StackExchange.Redis;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Live progress for the portal: after every committed step the run's figures go to the Redis channel
/// hub:runs:{runId} (fire-and-forget; the database row stays the source of truth, so a Redis outage loses nothing).
/// </summary>
public sealed class RunProgress(IConnectionMultiplexer? redis = null)
{
    public static RedisChannel Channel(Guid runId) => RedisChannel.Literal($"hub:runs:{runId}");

    public void Publish(SyncRun run)
    {
        if (redis is null || !redis.IsConnected) return;
        var message = JsonSerializer.Serialize(new
        {
            runId = run.Id, status = run.Status.ToString(), processed = run.Processed, expectedTotal = run.ExpectedTotal,
            pages = run.Pages, rateLimitWaitMs = run.RateLimitWaitMs, counts = run.Counts,
        }, JsonSerializerOptions.Web);
        redis.GetSubscriber().Publish(Channel(run.Id), message, CommandFlags.FireAndForget);
    }
}
