using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.RateLimits;

public enum BudgetKind { Window, Concurrent }

/// <summary>
/// One limit a call must fit in: at most <see cref="Limit"/> calls in any <see cref="WindowMs"/> (a sliding window),
/// or at most <see cref="Limit"/> in flight. <see cref="Published"/> is the provider's own number, against which its
/// "remaining" header is compared; <see cref="Limit"/> is what the hub allows itself (published × safety factor).
/// </summary>
public sealed record BudgetLimit(string Key, string Scope, BudgetKind Kind, int Limit, int Published, long WindowMs, string? RemainingHeader)
{
    /// <summary>The window as the provider publishes it (<see cref="WindowMs"/> adds the padding); null for a concurrency limit.</summary>
    public TimeSpan? PublishedWindow { get; init; }
}

/// <summary>
/// Every limit one call of one connection draws from, and the keys a 429 blocks. Built from metadata and options by
/// <see cref="For"/>, a pure function: tenant-scoped limits are keyed by the external tenant (two hub connections to
/// the same Xero organisation share them), app-scoped ones by provider and client id (all tenants share them).
/// </summary>
public sealed record BudgetPlan(string Provider, IReadOnlyList<BudgetLimit> Limits, string TenantBlockKey, string? AppBlockKey)
{
    /// <summary>
    /// Budgets belong to one provider endpoint (api.xero.com; QBO's sandbox host apart from production; each simulator
    /// instance apart from every other). All keys of one endpoint share the Redis hash tag <c>{provider@host}</c>: one
    /// script may then touch the tenant's and the app's limits atomically even on a Redis cluster.
    /// </summary>
    public static string Prefix(string provider, string endpoint) => $"hub:rl:{{{provider.ToLowerInvariant()}@{endpoint.ToLowerInvariant()}}}";

    public bool IsEmpty => Limits.Count == 0;

    /// <param name="endpoint">The provider API's authority (host:port) the calls go to.</param>
    /// <param name="externalTenantId">QBO realm, Xero tenantId, …; null falls back to the connection (nothing else can share it).</param>
    /// <param name="appId">The hub's client id at the provider; null when the connection has no app (API-key providers), which drops app-scoped limits.</param>
    public static BudgetPlan For(string provider, string endpoint, IReadOnlyList<RateLimitDimension> published, RateLimitOptions options,
        Guid connectionId, string? externalTenantId, string? appId)
    {
        var overrides = options.For(provider);
        var dimensions = overrides?.Dimensions ?? published;
        var factor = overrides?.SafetyFactor ?? options.SafetyFactor;
        var prefix = Prefix(provider, endpoint);
        var tenantBase = externalTenantId is { Length: > 0 } tenant ? $"{prefix}:t:{tenant}" : $"{prefix}:c:{connectionId:N}";
        var appBase = appId is { Length: > 0 } ? $"{prefix}:a:{appId}" : null;
        var limits = new List<BudgetLimit>();
        foreach (var d in dimensions)
        {
            var scopeBase = d.Scope.ToLowerInvariant() switch
            {
                "app" => appBase,
                "connection" => $"{prefix}:c:{connectionId:N}",
                "tenant" => tenantBase,
                _ => throw new InvalidOperationException($"{provider}: unknown rate-limit scope '{d.Scope}' (tenant, connection or app)."),
            };
            if (scopeBase is null) continue;
            if (d.Count is { } count && d.Window is { } window)
            {
                var windowMs = BudgetMath.WindowMs(window, options.WindowPadding);
                limits.Add(new(
                    $"{scopeBase}:w:{(long)window.TotalMilliseconds}", d.Scope, BudgetKind.Window, BudgetMath.Allowance(count, factor), count, windowMs, d.RemainingHeader) { PublishedWindow = window });
            }
            if (d.Concurrent is { } concurrent)
                limits.Add(new($"{scopeBase}:cc", d.Scope, BudgetKind.Concurrent, BudgetMath.Allowance(concurrent, factor), concurrent, 0, null));
        }
        return new BudgetPlan(provider, limits, $"{tenantBase}:block", appBase is null ? null : $"{appBase}:block");
    }
}
