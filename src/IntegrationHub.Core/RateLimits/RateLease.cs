namespace IntegrationHub.Core.RateLimits;

/// <summary>A granted call: disposing it frees its concurrency slots (window slots stay booked until the window passes).</summary>
public sealed class RateLease : IAsyncDisposable
{
    public static readonly RateLease None = new(null, null, null, 0);
    private readonly RateBudget? _budget;
    private int _released;

    internal RateLease(RateBudget? budget, BudgetPlan? plan, string? id, long grantedAtMs)
    {
        _budget = budget;
        Plan = plan;
        Id = id;
        GrantedAtMs = grantedAtMs;
        if (plan is not null) RateLimitMetrics.InFlight(plan.Provider, 1);
    }

    public BudgetPlan? Plan { get; }
    public string? Id { get; }
    /// <summary>When the budget granted the call, in Unix ms by the budget's (Redis's) clock; 0 for an unbudgeted call.</summary>
    public long GrantedAtMs { get; }

    public async ValueTask DisposeAsync()
    {
        if (_budget is null || Plan is null || Id is null || Interlocked.Exchange(ref _released, 1) == 1) return;
        RateLimitMetrics.InFlight(Plan.Provider, -1);
        await _budget.ReleaseAsync(Plan, Id);
    }
}
