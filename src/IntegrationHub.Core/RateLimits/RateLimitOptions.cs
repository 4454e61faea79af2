using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.RateLimits;

/// <summary>
/// Configuration section <c>RateLimits</c>. The budgets come from each connector's published dimensions
/// (connector.json <c>rateLimits</c>); these settings switch them off, scale them or replace them per provider.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Off: provider calls neither draw from nor wait for a budget (429 responses still reach the connector).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Share of each published count the hub uses (0 &lt; f ≤ 1); 1.0 because the budget is exact, not approximate.</summary>
    public double SafetyFactor { get; set; } = 1.0;

    /// <summary>
    /// Added to every window: a call counted at our send time reaches the provider a little later, and the provider's
    /// window is anchored on its own clock. The padding absorbs that jitter so our last call of a window never lands
    /// in the provider's next-but-full window.
    /// </summary>
    public TimeSpan WindowPadding { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a concurrency slot stays taken when its holder never releases it (a crashed process).</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a caller waiting only for a concurrency slot looks again (slots free on release, not on a schedule).</summary>
    public TimeSpan ConcurrencyPoll { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a 429 without a usable Retry-After blocks the budget (QBO documents "wait 60 s").</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Per connector key (<c>RateLimits:Providers:xero:…</c>).</summary>
    public Dictionary<string, ProviderRateLimitOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ProviderRateLimitOptions? For(string provider) => Providers.GetValueOrDefault(provider);
}

/// <summary>Overrides for one provider; anything unset falls back to the global setting or the connector's metadata.</summary>
public sealed class ProviderRateLimitOptions
{
    public bool? Enabled { get; set; }
    public double? SafetyFactor { get; set; }
    public TimeSpan? DefaultRetryAfter { get; set; }
    /// <summary>Replaces the connector's published dimensions entirely (e.g. a negotiated higher limit).</summary>
    public List<RateLimitDimension>? Dimensions { get; set; }
}
