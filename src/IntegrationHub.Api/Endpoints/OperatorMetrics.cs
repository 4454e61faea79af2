using IntegrationHub.Core.Sync;

namespace IntegrationHub.Api.Endpoints;

/// <summary>What operators watch across tenants: how deep the queues are, how many runs finish per hour, and which providers fail or are slow.</summary>
public static class OperatorMetrics
{
    public sealed record QueueDepth(int QueuedRuns, int RunningRuns, long JobsEnqueued, long JobsProcessing, long JobsScheduled, long JobsFailed, long Workers);
    public sealed record HourBucket(DateTimeOffset Hour, int Runs, int Failed, long Records);
    public sealed record ProviderHealth(string Provider, string ProviderName, int Runs, int Failed, double ErrorRate, double AverageSeconds, double SlowestSeconds,
        long RateLimitWaitMs);
    public sealed record Report(DateTimeOffset Since, int Hours, QueueDepth Queue, IReadOnlyList<HourBucket> Throughput, IReadOnlyList<ProviderHealth> Providers);

    /// <summary>One finished run as the aggregation needs it.</summary>
    public sealed record FinishedRun(string Provider, SyncRunStatus Status, DateTimeOffset? StartedAt, DateTimeOffset FinishedAt, int Processed, long RateLimitWaitMs);

    /// <summary>A bucket for every hour of the window (empty hours included, so a chart shows gaps as zeros), oldest first.</summary>
    public static IReadOnlyList<HourBucket> Throughput(IEnumerable<FinishedRun> runs, DateTimeOffset now, int hours)
    {
        var end = Hour(now);
        var buckets = Enumerable.Range(0, hours).Select(i => end.AddHours(i - hours + 1)).ToDictionary(h => h, h => new HourBucket(h, 0, 0, 0));
        foreach (var run in runs)
        {
            var hour = Hour(run.FinishedAt);
            if (!buckets.TryGetValue(hour, out var b)) continue;
            buckets[hour] = b with { Runs = b.Runs + 1, Failed = b.Failed + (IsFailure(run.Status) ? 1 : 0), Records = b.Records + run.Processed };
        }
        return buckets.Values.OrderBy(b => b.Hour).ToList();
    }

    /// <summary>Per provider: runs, failures and error rate, average and slowest run; the slowest providers first.</summary>
    public static IReadOnlyList<ProviderHealth> Providers(IEnumerable<FinishedRun> runs, Func<string, string> providerName) =>
        runs.GroupBy(r => r.Provider, StringComparer.Ordinal)
            .Select(g =>
            {
                var durations = g.Where(r => r.StartedAt is not null).Select(r => (r.FinishedAt - r.StartedAt!.Value).TotalSeconds).ToList();
                var failed = g.Count(r => IsFailure(r.Status));
                return new ProviderHealth(g.Key, providerName(g.Key), g.Count(), failed, Math.Round((double)failed / g.Count(), 4),
                    durations.Count == 0 ? 0 : Math.Round(durations.Average(), 2), durations.Count == 0 ? 0 : Math.Round(durations.Max(), 2),
                    g.Sum(r => r.RateLimitWaitMs));
            })
            .OrderByDescending(p => p.AverageSeconds).ThenBy(p => p.Provider, StringComparer.Ordinal)
            .ToList();

    private static bool IsFailure(SyncRunStatus status) => status is SyncRunStatus.Failed;

    private static DateTimeOffset Hour(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
