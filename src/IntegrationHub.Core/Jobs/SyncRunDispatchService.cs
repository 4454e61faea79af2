using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Jobs;

/// <summary>Runs <see cref="SyncRunDispatcher"/> every <see cref="JobOptions.DispatchInterval"/> in each SyncWorker.</summary>
public sealed class SyncRunDispatchService(SyncRunDispatcher dispatcher, IOptions<JobOptions> options, TimeProvider clock, ILogger<SyncRunDispatchService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DispatchInterval, clock);
        do
        {
            try
            {
                // A full batch means more may be waiting: go again without sleeping.
                while (await dispatcher.DispatchAsync(null, stoppingToken) >= 100 && !stoppingToken.IsCancellationRequested) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database or the job storage being away must not end the loop; the rows wait for the next tick.
                logger.LogWarning("Sync run dispatch failed: {Reason}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }
}
