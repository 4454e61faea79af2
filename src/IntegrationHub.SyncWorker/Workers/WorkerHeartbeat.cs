using StackExchange.Redis;

namespace IntegrationHub.SyncWorker.Workers;

/// <summary>
/// Announces this worker in Redis (a key with a short TTL, refreshed every few seconds) so operators and the
/// scheduler can see which workers are alive; a worker killed with kill -9 disappears when its key expires.
/// </summary>
public sealed class WorkerHeartbeat(IConnectionMultiplexer redis, ILogger<WorkerHeartbeat> logger, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);
    public static string KeyFor(string workerId) => $"hub:workers:{workerId}";
    public string WorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Sync worker {WorkerId} started", WorkerId);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await redis.GetDatabase().StringSetAsync(KeyFor(WorkerId), clock.GetUtcNow().ToString("O"), Ttl);
            }
            catch (RedisException ex)
            {
                // Redis being away must not stop the worker; the heartbeat resumes when it returns.
                logger.LogWarning("Heartbeat not written: {Reason}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(KeyFor(WorkerId));
            logger.LogInformation("Sync worker {WorkerId} stopped gracefully", WorkerId);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // The key expires by itself (Redis away, or the host already disposed the shared multiplexer).
        }
    }
}
