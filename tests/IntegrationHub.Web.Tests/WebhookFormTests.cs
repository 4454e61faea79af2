using IntegrationHub.Web.Components.Webhooks;

namespace IntegrationHub.Web.Tests;

public sealed class WebhookFormTests
{
    [Theory]
    [InlineData("https://hooks.example.test/hub", null)]
    [InlineData("http://127.0.0.1:9000/in", null)]
    [InlineData("", "Enter the URL that receives the events.")]
    [InlineData("hooks.example.test/hub", "Enter an absolute http:// or https:// URL.")]
    [InlineData("ftp://example.test/hub", "Enter an absolute http:// or https:// URL.")]
    [InlineData("https://user:pw@example.test/hub", "Leave user name and password out of the URL.")]
    public void The_url_must_be_an_absolute_http_url_without_credentials(string url, string? expected) => Assert.Equal(expected, WebhookForm.UrlError(url));

    [Fact]
    public void At_least_one_event_type_is_required_and_the_request_is_trimmed_and_ordered()
    {
        var form = new WebhookForm { Url = "  https://hooks.example.test/hub ", Description = "  " };
        Assert.Equal("Choose at least one event type.", form.EventTypesError());
        Assert.False(form.IsValid);

        form.Toggle("record.*", true);
        form.Toggle("invoice.paid", true);
        form.Toggle("sync_run.failed", true);
        form.Toggle("sync_run.failed", false);

        Assert.True(form.IsValid);
        var request = form.ToRequest();
        Assert.Equal("https://hooks.example.test/hub", request.Url);
        Assert.Null(request.Description);
        Assert.Equal(["invoice.paid", "record.*"], request.EventTypes);
    }

    [Fact]
    public void A_description_longer_than_the_api_allows_is_refused()
    {
        var form = new WebhookForm { Url = "https://hooks.example.test/hub", Description = new string('d', WebhookForm.DescriptionMax + 1) };
        form.Toggle("*", true);
        Assert.False(form.IsValid);
    }
}
