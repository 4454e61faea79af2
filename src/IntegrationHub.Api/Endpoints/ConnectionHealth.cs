using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Api.Endpoints;

/// <summary>A connection's health figures for its page: how much of its rate budget is taken, and how often its runs and records fail.</summary>
public static class ConnectionHealth
{
    /// <summary>One limit: <see cref="Allowed"/> is what the hub lets itself use of the provider's <see cref="Published"/> number.</summary>
    public sealed record LimitUse(string Scope, string Kind, double? WindowSeconds, int Published, int Allowed, int Used, double Share);

    /// <param name="Enabled">False when budgets are off for this provider (or it publishes no limits).</param>
    /// <param name="Available">False when the budget could not be read (Redis unreachable): the figures are then empty, not zero.</param>
    public sealed record RateBudgetUse(bool Enabled, bool Available, DateTimeOffset? At, DateTimeOffset? BlockedUntil, IReadOnlyList<LimitUse> Limits);

    public sealed record ErrorRates(int Hours, int Runs, int FailedRuns, int RunsWithErrors, double RunErrorRate, long RecordsProcessed,
        long RecordsFailed, double RecordErrorRate, long RateLimitWaitMs);

    public sealed record Report(Guid ConnectionId, ErrorRates Errors, RateBudgetUse RateBudget);

    /// <summary>One finished run as the error rates need it.</summary>
    public sealed record FinishedRun(SyncRunStatus Status, int Processed, IReadOnlyCollection<EntityCounts> Counts, long RateLimitWaitMs);

    /// <summary>
    /// Run error rate = failed runs / finished runs (a run that completed with record failures is not a failed run, it is
    /// counted in <see cref="ErrorRates.RunsWithErrors"/>); record error rate = failed records / processed records.
    /// </summary>
    public static ErrorRates Errors(IReadOnlyCollection<FinishedRun> runs, int hours)
    {
        var failed = runs.Count(r => r.Status == SyncRunStatus.Failed);
        var withErrors = runs.Count(r => r.Status == SyncRunStatus.CompletedWithErrors);
        var processed = runs.Sum(r => (long)r.Processed);
        var recordsFailed = runs.Sum(r => r.Counts.Sum(c => (long)c.Failed));
        return new ErrorRates(hours, runs.Count, failed, withErrors, Rate(failed, runs.Count), processed, recordsFailed, Rate(recordsFailed, processed),
            runs.Sum(r => r.RateLimitWaitMs));
    }

    public static RateBudgetUse Budget(BudgetUsage? usage)
    {
        if (usage is null) return new RateBudgetUse(false, true, null, null, []);
        var limits = usage.Limits.Select(l => new LimitUse(l.Limit.Scope.ToLowerInvariant(), l.Limit.Kind == BudgetKind.Window ? "window" : "concurrent",
            l.Limit.PublishedWindow?.TotalSeconds, l.Limit.Published, l.Limit.Limit, l.Used,
            Rate(l.Used, l.Limit.Limit))).ToList();
        return new RateBudgetUse(limits.Count > 0, true, usage.At, usage.BlockedUntil, limits);
    }

    public static RateBudgetUse Unavailable { get; } = new(true, false, null, null, []);

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
