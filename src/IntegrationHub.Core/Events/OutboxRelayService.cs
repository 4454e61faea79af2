using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Events;

/// <summary>
/// Runs the outbox relay: publishes batches back to back while there is a backlog, polls when idle, and backs off
/// exponentially (with jitter) while Redis or the database is away, catching up when they return.
/// </summary>
public sealed class OutboxRelayService(IServiceScopeFactory scopes, IOptions<OutboxRelayOptions> options, EventMetrics metrics,
    TimeProvider clock, ILogger<OutboxRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var relay = scope.ServiceProvider.GetRequiredService<OutboxRelay>();
                var published = await relay.PublishBatchAsync(stoppingToken);
                await relay.MeasureLagAsync(stoppingToken);
                if (failures > 0) logger.LogInformation("Outbox relay recovered after {Failures} failed attempts", failures);
                failures = 0;
                if (published >= options.Value.BatchSize) continue;
                wait = options.Value.PollInterval;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                wait = Backoff.Delay(failures, options.Value.InitialBackoff, options.Value.MaxBackoff);
                await TryMeasureLagAsync(stoppingToken);
                // The message names the failing component (Redis timeout, connection refused); payloads are never logged.
                logger.LogWarning("Outbox relay attempt {Failures} failed ({Error}: {Reason}); retrying in {Wait}; lag {Lag:F1}s",
                    failures, ex.GetType().Name, ex.Message, wait, metrics.LagSeconds);
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

    /// <summary>While Redis is away the database usually is not: keep the lag gauge current so the outage shows as growing lag.</summary>
    private async Task TryMeasureLagAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OutboxRelay>().MeasureLagAsync(ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogDebug("Outbox lag not measured: {Reason}", ex.Message);
        }
    }
}

/// <summary>Exponential backoff with ±20 % jitter, so several workers do not retry in lockstep.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max)
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(exponential, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + Random.Shared.NextDouble() * 0.4));
    }
}
