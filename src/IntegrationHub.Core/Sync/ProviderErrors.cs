using System.Net;

namespace IntegrationHub.Core.Sync;

/// <summary>
/// The provider-independent part of error classification: what an HTTP status means for the engine and how long a
/// provider asked to wait. Connectors add their own body parsing (QBO Fault codes, Xero ValidationErrors) on top.
/// </summary>
public static class ProviderErrors
{
    /// <summary>Used when a provider throttles without saying how long to wait (QBO documents "wait 60 s").</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(60);

    public static ErrorClass Classify(HttpStatusCode status) => (int)status switch
    {
        401 or 403 => ErrorClass.Auth,
        429 => ErrorClass.RateLimited,
        408 => ErrorClass.Transient,
        409 or 412 => ErrorClass.Stale,
        400 or 404 or 422 => ErrorClass.Validation,
        >= 500 => ErrorClass.Transient,
        _ => ErrorClass.Permanent,
    };

    /// <summary>
    /// A <see cref="ConnectorException"/> for a failed response: class from the status (or <paramref name="errorClass"/>),
    /// Retry-After on throttling (falling back to <see cref="DefaultRetryAfter"/>), status and provider code kept.
    /// </summary>
    public static ConnectorException FromResponse(HttpResponseMessage response, string message, DateTimeOffset now,
        string? providerCode = null, ErrorClass? errorClass = null, string? existingRemoteId = null)
    {
        var cls = errorClass ?? Classify(response.StatusCode);
        return new ConnectorException(cls, message)
        {
            StatusCode = (int)response.StatusCode,
            ProviderCode = providerCode,
            RetryAfter = cls == ErrorClass.RateLimited ? RateLimits.ProviderRateSignals.RetryAfter(response.Headers, now) ?? DefaultRetryAfter : null,
            ExistingRemoteId = existingRemoteId,
        };
    }

    /// <summary>Network failures and timeouts on the way to the provider are transient.</summary>
    public static ConnectorException Transport(string provider, Exception exception) =>
        new(ErrorClass.Transient, $"{provider} could not be reached: {exception.GetType().Name}", exception);
}
