using IntegrationHub.Core.Connections;

namespace IntegrationHub.SyncWorker.Workers;

/// <summary>Runs <see cref="IdleTokenRenewal"/> every <see cref="Interval"/>; several workers may run it, the refresh lease keeps it single-flight.</summary>
public sealed class TokenMaintenanceWorker(IdleTokenRenewal renewal, TimeProvider clock, ILogger<TokenMaintenanceWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await renewal.RenewDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not end the worker; the next tick tries again.
                logger.LogError(ex, "Idle token renewal failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
