using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntegrationHub.Core.Events;

/// <summary>
/// One round of the host-event consumer: take over messages a dead consumer left pending (XAUTOCLAIM, when due), read
/// new ones (XREADGROUP), process each in its own scope and acknowledge it once its outcome is durable.
/// </summary>
public sealed class HostEventReader(IConnectionMultiplexer redis, IServiceScopeFactory scopes, IOptions<HostEventOptions> options,
    EventMetrics metrics, TimeProvider clock, ILogger<HostEventReader> logger)
{
    private DateTimeOffset _nextClaimAt = DateTimeOffset.MinValue;
    private bool _groupReady;

    public HostEventOptions Options => options.Value;

    /// <summary>Returns how many messages were handled (0 = the stream had nothing for us).</summary>
    public async Task<int> ConsumeOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var streams = redis.GetDatabase();
        await EnsureGroupAsync(streams);
        var entries = new List<StreamEntry>();
        if (clock.GetUtcNow() >= _nextClaimAt)
        {
            var claimed = await streams.StreamAutoClaimAsync(o.Stream, o.Group, o.ConsumerName, (long)o.ClaimMinIdle.TotalMilliseconds, "0-0", o.BatchSize);
            var reclaimed = claimed.ClaimedEntries.Where(e => !e.IsNull).ToList();
            if (reclaimed.Count > 0) logger.LogInformation("Reclaimed {Count} abandoned host events", reclaimed.Count);
            entries.AddRange(reclaimed);
            // Claim again next round while there may be more, otherwise after the interval.
            _nextClaimAt = claimed.ClaimedEntries.Length >= o.BatchSize ? DateTimeOffset.MinValue : clock.GetUtcNow() + o.ClaimInterval;
        }
        try
        {
            entries.AddRange(await streams.StreamReadGroupAsync(o.Stream, o.Group, o.ConsumerName, StreamPosition.NewMessages, o.BatchSize));
        }
        catch (RedisServerException ex) when (ex.Message.Contains("NOGROUP", StringComparison.Ordinal))
        {
            // The stream or group was deleted under us; recreate it next round.
            _groupReady = false;
            throw;
        }

        foreach (var entry in entries)
        {
            var message = new HostEventMessage(entry.Id!, entry.Values.ToDictionary(v => (string)v.Name!, v => (string?)v.Value ?? "", StringComparer.Ordinal));
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<HostEventProcessor>().ProcessAsync(message, ct);
            await streams.StreamAcknowledgeAsync(o.Stream, o.Group, entry.Id);
            metrics.HostEventHandled(outcome);
        }
        return entries.Count;
    }

    private async Task EnsureGroupAsync(IDatabase streams)
    {
        if (_groupReady) return;
        try
        {
            await streams.StreamCreateConsumerGroupAsync(options.Value.Stream, options.Value.Group, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another process created it first.
        }
        _groupReady = true;
    }
}
