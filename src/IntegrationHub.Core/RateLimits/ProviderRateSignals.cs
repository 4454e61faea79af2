using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace IntegrationHub.Core.RateLimits;

/// <summary>Reads what a provider's response says about its limits: Retry-After, remaining counts, and which limit a 429 broke.</summary>
public static class ProviderRateSignals
{
    /// <summary>Xero names the limit a 429 broke: minute, day, concurrent or appminute.</summary>
    public const string ProblemHeader = "X-Rate-Limit-Problem";

    public static bool IsRateLimited(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>Retry-After as delta seconds or an HTTP date; null when absent, unparseable or already past.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta) return delta > TimeSpan.Zero ? delta : null;
        if (value?.Date is { } date) return date > now ? date - now : null;
        // Some gateways send fractional seconds, which the typed header rejects.
        if (headers.TryGetValues("Retry-After", out var raw) &&
            double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds < 86_400 * 7)
            return TimeSpan.FromSeconds(seconds);
        return null;
    }

    public static int? Remaining(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) &&
        int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) ? remaining : null;

    public static string? Problem(HttpResponseHeaders headers) =>
        headers.TryGetValues(ProblemHeader, out var values) ? values.FirstOrDefault()?.Trim().ToLowerInvariant() : null;

    /// <summary>Whether a 429 is about the app's limit across all tenants (then every connection of the app waits), not this tenant's.</summary>
    public static bool IsAppWide(string? problem) => problem is "appminute";
}
