using IntegrationHub.Core.Connections;

namespace IntegrationHub.SyncWorker.Workers;

/// <summary>
/// Every <see cref="Interval"/>: renews idle tokens (<see cref="IdleTokenRenewal"/>) and reminds of due client-secret
/// rotations (<see cref="ClientSecretRotationReminder"/>). Several workers may run it: the refresh lease keeps renewals
/// single-flight and a reminder is recorded once per credential version.
/// </summary>
public sealed class TokenMaintenanceWorker(IdleTokenRenewal renewal, ClientSecretRotationReminder reminder, TimeProvider clock, ILogger<TokenMaintenanceWorker> logger) : BackgroundService
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
                await reminder.RemindAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database hiccup must not end the worker; the next tick tries again.
                logger.LogError(ex, "Token maintenance failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
