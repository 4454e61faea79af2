using IntegrationHub.Core.Sync;

namespace IntegrationHub.Core.RateLimits;

/// <summary>
/// The contract between ConnectionHttp and connectors for throttling: ConnectionHttp returns a 429 as-is, after
/// recording it in the shared budget (which then holds back every job of the organisation until Retry-After).
/// A connector calls <see cref="ThrowIfRateLimited"/> first thing on every response, before its own classification.
/// </summary>
public static class ProviderResponses
{
    /// <summary>
    /// A 429 becomes <see cref="ConnectorException"/>(<see cref="ErrorClass.RateLimited"/>) with the provider's
    /// Retry-After (null when it sent none: the budget is blocked for the configured default, so a retry waits there)
    /// and Xero's X-Rate-Limit-Problem as ProviderCode. Any other response passes through untouched.
    /// </summary>
    public static HttpResponseMessage ThrowIfRateLimited(HttpResponseMessage response, TimeProvider? clock = null)
    {
        if (!ProviderRateSignals.IsRateLimited(response)) return response;
        var retryAfter = ProviderRateSignals.RetryAfter(response.Headers, (clock ?? TimeProvider.System).GetUtcNow());
        var problem = ProviderRateSignals.Problem(response.Headers);
        var host = response.RequestMessage?.RequestUri?.Host ?? "the provider";
        throw new ConnectorException(ErrorClass.RateLimited,
            $"{host} throttled the call (429{(problem is null ? "" : ", " + problem)}); retry after {retryAfter?.ToString() ?? "the budget's block"}.")
        {
            RetryAfter = retryAfter,
            StatusCode = 429,
            ProviderCode = problem,
        };
    }
}
