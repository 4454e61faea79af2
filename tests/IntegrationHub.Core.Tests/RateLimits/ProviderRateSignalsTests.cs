using System.Net;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Core.Tests.RateLimits;

public class ProviderRateSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    [Fact]
    public void Retry_after_in_seconds_as_a_date_or_fractional()
    {
        Assert.Equal(TimeSpan.FromSeconds(37), ProviderRateSignals.RetryAfter(Response(HttpStatusCode.TooManyRequests, ("Retry-After", "37")).Headers, Now));
        Assert.Equal(TimeSpan.FromSeconds(90),
            ProviderRateSignals.RetryAfter(Response(HttpStatusCode.TooManyRequests, ("Retry-After", Now.AddSeconds(90).ToString("R"))).Headers, Now));
        Assert.Equal(TimeSpan.FromSeconds(1.5), ProviderRateSignals.RetryAfter(Response(HttpStatusCode.TooManyRequests, ("Retry-After", "1.5")).Headers, Now));
    }

    [Fact]
    public void Absent_past_or_garbage_retry_after_is_none()
    {
        Assert.Null(ProviderRateSignals.RetryAfter(Response(HttpStatusCode.TooManyRequests).Headers, Now));
        Assert.Null(ProviderRateSignals.RetryAfter(Response(HttpStatusCode.TooManyRequests, ("Retry-After", Now.AddSeconds(-5).ToString("R"))).Headers, Now));
        Assert.Null(ProviderRateSignals.RetryAfter(Response(HttpStatusCode.TooManyRequests, ("Retry-After", "soon")).Headers, Now));
    }

    [Fact]
    public void Remaining_counts_and_the_problem_are_read_from_xero_headers()
    {
        var response = Response(HttpStatusCode.TooManyRequests, ("X-MinLimit-Remaining", "0"), ("X-DayLimit-Remaining", "4711"), ("X-Rate-Limit-Problem", "AppMinute"));
        Assert.Equal(0, ProviderRateSignals.Remaining(response.Headers, "X-MinLimit-Remaining"));
        Assert.Equal(4711, ProviderRateSignals.Remaining(response.Headers, "x-daylimit-remaining"));
        Assert.Null(ProviderRateSignals.Remaining(response.Headers, "X-AppMinLimit-Remaining"));
        Assert.True(ProviderRateSignals.IsAppWide(ProviderRateSignals.Problem(response.Headers)));
        Assert.False(ProviderRateSignals.IsAppWide("minute"));
    }

    [Fact]
    public void A_429_becomes_a_rate_limited_connector_exception()
    {
        var ex = Assert.Throws<ConnectorException>(() => ProviderResponses.ThrowIfRateLimited(
            Response(HttpStatusCode.TooManyRequests, ("Retry-After", "12"), ("X-Rate-Limit-Problem", "minute"))));
        Assert.Equal(ErrorClass.RateLimited, ex.Class);
        Assert.Equal(TimeSpan.FromSeconds(12), ex.RetryAfter);
        Assert.Equal(429, ex.StatusCode);
        Assert.Equal("minute", ex.ProviderCode);
    }

    [Fact]
    public void A_qbo_429_without_retry_after_still_is_rate_limited()
    {
        var ex = Assert.Throws<ConnectorException>(() => ProviderResponses.ThrowIfRateLimited(Response(HttpStatusCode.TooManyRequests)));
        Assert.Equal(ErrorClass.RateLimited, ex.Class);
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public void Other_responses_pass_through()
    {
        using var ok = Response(HttpStatusCode.OK);
        Assert.Same(ok, ProviderResponses.ThrowIfRateLimited(ok));
        using var unavailable = Response(HttpStatusCode.ServiceUnavailable, ("Retry-After", "5"));
        Assert.Same(unavailable, ProviderResponses.ThrowIfRateLimited(unavailable));
    }
}
