using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Tests.Mapping;

public class ProviderErrorsTests
{
    [Theory]
    [InlineData(401, ErrorClass.Auth)]
    [InlineData(403, ErrorClass.Auth)]
    [InlineData(429, ErrorClass.RateLimited)]
    [InlineData(500, ErrorClass.Transient)]
    [InlineData(503, ErrorClass.Transient)]
    [InlineData(408, ErrorClass.Transient)]
    [InlineData(400, ErrorClass.Validation)]
    [InlineData(409, ErrorClass.Stale)]
    [InlineData(410, ErrorClass.Permanent)]
    public void Statuses_map_to_error_classes(int status, ErrorClass expected) => Assert.Equal(expected, ProviderErrors.Classify((HttpStatusCode)status));

    [Fact]
    public void Retry_after_reads_seconds_and_dates_and_defaults_for_throttles()
    {
        var now = DateTimeOffset.Parse("2026-01-01T12:00:00Z");
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(17));
        Assert.Equal(TimeSpan.FromSeconds(17), ProviderErrors.FromResponse(seconds, "m", now).RetryAfter);

        using var date = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        date.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), ProviderErrors.FromResponse(date, "m", now).RetryAfter);

        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        var error = ProviderErrors.FromResponse(none, "m", now);
        Assert.Equal(ErrorClass.RateLimited, error.Class);
        Assert.Equal(ProviderErrors.DefaultRetryAfter, error.RetryAfter);
        Assert.Equal(429, error.StatusCode);

        using var server = new HttpResponseMessage(HttpStatusCode.BadGateway);
        Assert.Null(ProviderErrors.FromResponse(server, "m", now).RetryAfter);
    }
}
