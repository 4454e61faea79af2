using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Events;

/// <summary>Consumes the host-event stream in consumer group "hub-sync" until shutdown, backing off while Redis or the database is away.</summary>
public sealed class HostEventConsumer(HostEventReader reader, TimeProvider clock, ILogger<HostEventConsumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Consuming {Stream} as {Consumer} in group {Group}", reader.Options.Stream, reader.Options.ConsumerName, reader.Options.Group);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var handled = await reader.ConsumeOnceAsync(stoppingToken);
                failures = 0;
                if (handled > 0) continue;
                wait = reader.Options.PollInterval;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                wait = Backoff.Delay(failures, reader.Options.PollInterval, reader.Options.MaxBackoff);
                logger.LogWarning("Host event consumer attempt {Failures} failed ({Error}: {Reason}); retrying in {Wait}", failures, ex.GetType().Name, ex.Message, wait);
            }
            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
