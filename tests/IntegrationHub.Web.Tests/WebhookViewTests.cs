using IntegrationHub.Core.Webhooks.Outbound;
using IntegrationHub.Web.Components.Webhooks;

namespace IntegrationHub.Web.Tests;

public sealed class WebhookViewTests
{
    [Fact]
    public void Every_offered_event_type_is_a_filter_the_api_accepts_and_each_appears_once()
    {
        Assert.All(WebhookView.KnownEventTypes, c => Assert.Null(EventTypeFilter.Validate(c.Filter)));
        Assert.Equal(WebhookView.KnownEventTypes.Count, WebhookView.KnownEventTypes.Select(c => c.Filter).Distinct().Count());
        Assert.Contains(WebhookView.KnownEventTypes, c => c.Filter == "invoice.paid");
        Assert.DoesNotContain(WebhookView.KnownEventTypes, c => c.Filter.StartsWith("provider.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "(empty)")]
    [InlineData("  \n ", "(empty)")]
    [InlineData("{\n  \"ok\": true\n}", "{ \"ok\": true }")]
    public void Response_bodies_are_shown_on_one_line(string? body, string expected) => Assert.Equal(expected, WebhookView.Preview(body));

    [Fact]
    public void Long_response_bodies_are_cut_with_an_ellipsis()
    {
        var preview = WebhookView.Preview(new string('x', 1000), 10);
        Assert.Equal(new string('x', 10) + "…", preview);
    }

    [Theory]
    [InlineData(85, "85 ms")]
    [InlineData(999, "999 ms")]
    [InlineData(1250, "1.3 s")]
    public void Durations_read_in_milliseconds_then_seconds(int ms, string expected) => Assert.Equal(expected, WebhookView.Duration(ms));

    [Fact]
    public void Datetime_local_values_are_read_as_utc_and_written_back_the_same_way()
    {
        var parsed = WebhookView.ParseUtc("2026-11-29T23:05");
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 5, 0, TimeSpan.Zero), parsed);
        Assert.Equal(TimeSpan.Zero, parsed!.Value.Offset);
        Assert.Equal("2026-11-29T23:05", WebhookView.ToInput(parsed.Value));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 23, 5, 7, TimeSpan.Zero), WebhookView.ParseUtc("2026-11-29T23:05:07"));
        Assert.Null(WebhookView.ParseUtc("yesterday"));
        Assert.Null(WebhookView.ParseUtc(""));
    }

    [Theory]
    [InlineData(null, null, "Choose when the range starts.")]
    [InlineData("2026-11-29T10:00", null, null)]
    [InlineData("2026-11-29T10:00", "2026-11-29T11:00", null)]
    [InlineData("2026-11-29T10:00", "2026-11-29T10:00", "The end of the range must come after its start.")]
    [InlineData("2026-11-29T10:00", "soon", "The end of the range is not a date and time.")]
    public void A_recovery_range_needs_a_start_and_an_end_after_it(string? since, string? until, string? expected) =>
        Assert.Equal(expected, WebhookView.RangeError(since, until));

    [Theory]
    [InlineData("succeeded", "Delivered")]
    [InlineData("failed", "Failed, will retry")]
    [InlineData("deadLettered", "Gave up")]
    [InlineData("pending", "Pending")]
    public void Message_statuses_read_as_what_happened(string status, string label) => Assert.Equal(label, WebhookView.MessageStatus(status).Label);

    [Fact]
    public void An_endpoint_is_enabled_failing_or_disabled()
    {
        var endpoint = new IntegrationHub.Web.Api.WebhookEndpointInfo(Guid.NewGuid(), "https://example.test/hook", null, ["*"], true, null, false, null, null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        Assert.Equal("Enabled", WebhookView.EndpointStatus(endpoint).Label);
        Assert.Equal("Failing", WebhookView.EndpointStatus(endpoint with { FailingSince = DateTimeOffset.UnixEpoch }).Label);
        Assert.Equal("Disabled", WebhookView.EndpointStatus(endpoint with { Enabled = false, DisabledReason = "410 Gone" }).Label);
    }
}
