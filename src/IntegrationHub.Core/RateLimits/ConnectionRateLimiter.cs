using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntegrationHub.Core.RateLimits;

/// <summary>
/// The budget work for <see cref="ConnectionHttp"/>: which budget a connection's call draws from, and what the
/// provider's answer tells the budget (remaining-count headers lower it, a 429 blocks it for Retry-After).
/// If Redis is unreachable calls go ahead unbudgeted (logged): the provider's own 429s still hold them back, and a
/// Redis outage should delay nothing that Postgres can do.
/// </summary>
public sealed class ConnectionRateLimiter(
    RateBudget budget, IOptions<RateLimitOptions> options, ProviderSettings settings, TimeProvider clock, ILogger<ConnectionRateLimiter> logger)
{
    public bool IsEnabled(string provider) => options.Value.Enabled && (options.Value.For(provider)?.Enabled ?? true);

    /// <summary>Waits for room in the connection's budget and books the call; dispose the lease when the response is in.</summary>
    public async Task<RateLease> AcquireAsync(Connection connection, ConnectorMetadata connector, CancellationToken ct)
    {
        if (!IsEnabled(connector.Key)) return RateLease.None;
        var plan = await PlanAsync(connection, connector, ct);
        try
        {
            return await budget.AcquireAsync(plan, ct);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning(ex, "Rate budget for {Provider} unavailable; calling without it", connector.Key);
            return RateLease.None;
        }
    }

    /// <summary>
    /// The connection's budget as it stands (for its health page); null when budgets are off for the provider.
    /// Throws <see cref="RedisException"/> when Redis cannot be read: the caller says the figure is unavailable.
    /// </summary>
    public async Task<BudgetUsage?> UsageAsync(Connection connection, ConnectorMetadata connector, CancellationToken ct) =>
        IsEnabled(connector.Key) ? await budget.UsageAsync(await PlanAsync(connection, connector, ct)) : null;

    /// <summary>Applies the provider's rate signals on a response to the budget the call drew from.</summary>
    public async Task ObserveAsync(RateLease lease, HttpResponseMessage response)
    {
        if (lease.Plan is not { } plan) return;
        try
        {
            foreach (var limit in plan.Limits)
            {
                if (limit.RemainingHeader is not { } header || ProviderRateSignals.Remaining(response.Headers, header) is not { } remaining) continue;
                var booked = await budget.ObserveRemainingAsync(limit, remaining);
                if (booked > 0) RateLimitMetrics.Booked(plan.Provider, booked);
            }
            if (!ProviderRateSignals.IsRateLimited(response)) return;
            var problem = ProviderRateSignals.Problem(response.Headers);
            var retryAfter = ProviderRateSignals.RetryAfter(response.Headers, clock.GetUtcNow()) ?? DefaultRetryAfter(plan.Provider);
            var appWide = ProviderRateSignals.IsAppWide(problem);
            await budget.BlockAsync(plan, retryAfter, appWide);
            RateLimitMetrics.Throttled(plan.Provider, problem);
            logger.LogWarning("{Provider} answered 429 ({Problem}); its {Scope} budget waits {RetryAfter}",
                plan.Provider, problem ?? "no reason given", appWide ? "app-wide" : "tenant", retryAfter);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            logger.LogWarning(ex, "Could not record {Provider}'s rate-limit signals", plan.Provider);
        }
    }

    public TimeSpan DefaultRetryAfter(string provider) => options.Value.For(provider)?.DefaultRetryAfter ?? options.Value.DefaultRetryAfter;

    private async Task<BudgetPlan> PlanAsync(Connection connection, ConnectorMetadata connector, CancellationToken ct) =>
        BudgetPlan.For(connector.Key, Endpoint(connection, connector), connector.RateLimits, options.Value,
            connection.Id, connection.ExternalTenantId, await AppIdAsync(connection, connector, ct));

    private string Endpoint(Connection connection, ConnectorMetadata connector) =>
        new Uri(settings.Url(connector.Environment(connection.Environment).ApiBaseUrl, connection.ExternalTenantId)).Authority;

    /// <summary>The hub's client id at the provider keys the app-wide limits; API-key providers have no app (each tenant brings its own key).</summary>
    private async Task<string?> AppIdAsync(Connection connection, ConnectorMetadata connector, CancellationToken ct)
    {
        if (connector.Auth.Kind is AuthKind.ApiKey or AuthKind.Basic) return null;
        try
        {
            return (await settings.AppAsync(connector, connection.Environment, ct)).ClientId;
        }
        catch (ProviderNotConfiguredException)
        {
            return null;
        }
    }
}
