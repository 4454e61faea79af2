using IntegrationHub.Core.RateLimits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Every connector call of a run goes through here: a 429 waits the provider's Retry-After (capped, added to the run's
/// RateLimitWaitMs through the run's <see cref="RateLimitWaitScope"/>) and repeats the same call; a transient error is retried a few times with backoff and jitter. Only
/// when those run out does the error reach the run (the queue reschedules it, the checkpoint makes the retry resume).
/// </summary>
public sealed class ProviderCalls(IOptions<SyncEngineOptions> options, TimeProvider clock, ILogger<ProviderCalls> logger)
{
    public async Task<T> RunAsync<T>(SyncRun run, string what, Func<Task<T>> call, CancellationToken ct)
    {
        var o = options.Value;
        var rateLimited = 0;
        var transient = 0;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (ConnectorException e) when (e.Class == ErrorClass.RateLimited && ++rateLimited <= o.MaxConsecutiveRateLimits)
            {
                var wait = Min(e.RetryAfter ?? o.DefaultRateLimitWait, o.MaxRateLimitWait);
                logger.LogInformation("Rate limited on {Call} for run {RunId}; waiting {WaitMs} ms ({Attempt}/{Max})",
                    what, run.Id, (long)wait.TotalMilliseconds, rateLimited, o.MaxConsecutiveRateLimits);
                // Counted in the run's wait scope (folded into RateLimitWaitMs at its next commit), not on the run row:
                // a prefetched page's call runs beside the commit that writes that row.
                RateLimitWaitScope.Add(wait);
                await Task.Delay(wait, clock, ct);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                if (++transient > o.TransientRetries)
                {
                    if (e is ConnectorException) throw;
                    throw new ConnectorException(ErrorClass.Transient, $"{what} failed after {o.TransientRetries} retries: {e.Message}", e);
                }
                var backoff = o.TransientBackoff * Math.Pow(2, transient - 1) * (0.8 + Random.Shared.NextDouble() * 0.4);
                logger.LogWarning("Transient error on {Call} for run {RunId} ({Attempt}/{Max}): {Message}", what, run.Id, transient, o.TransientRetries, e.Message);
                await Task.Delay(backoff, clock, ct);
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        ConnectorException c => c.Class == ErrorClass.Transient,
        HttpRequestException => true,
        TaskCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
