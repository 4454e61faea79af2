using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Jobs;

/// <summary>Registers the maintenance schedules when a worker starts, retrying while the database is unreachable.</summary>
public sealed class MaintenanceScheduleRegistrar(IRecurringJobManagerV2 recurring, TimeProvider clock, ILogger<MaintenanceScheduleRegistrar> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                MaintenanceSchedules.Register(recurring);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Maintenance schedules not registered yet: {Reason}", ex.Message);
                await Task.Delay(delay, clock, stoppingToken);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
            }
        }
    }
}
