using IntegrationHub.AppHost;

namespace IntegrationHub.AppHost.Tests;

public sealed class UrlTableTests
{
    [Fact]
    public void Lists_every_service_the_docs_the_metrics_and_the_demo_login_then_the_ready_line()
    {
        Assert.True(AppHostOptions.TryParse([], out var options, out _));
        var urls = ServiceCatalog.Services.ToDictionary(s => s.Name, s => new Uri($"http://127.0.0.1:{s.DefaultPort}/"));

        var lines = UrlTable.Render(urls, hangfire: null, options, "/state");
        var text = string.Join('\n', lines);

        Assert.Contains("Portal                    http://127.0.0.1:5000/", text);
        Assert.Contains("http://127.0.0.1:5100/scalar", text);
        Assert.Contains("http://127.0.0.1:5400/metrics", text);
        Assert.Contains("owner@demo.local / " + options.DemoPassword, text);
        Assert.DoesNotContain("Hangfire", text);
        Assert.Equal(UrlTable.ReadyLine, lines[^1]);
    }
}
