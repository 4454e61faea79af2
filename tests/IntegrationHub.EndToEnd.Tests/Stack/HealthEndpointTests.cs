using System.Net;
using System.Text.Json;

namespace IntegrationHub.EndToEnd.Tests.Stack;

/// <summary>Every service started by the AppHost is ready, alive and scrapeable, with its infrastructure checks green.</summary>
[Collection("stack")]
public sealed class HealthEndpointTests(StackFixture stack)
{
    public static TheoryData<string> Services => ["web", "api", "syncworker", "simulators", "webhookreceiver"];

    /// <summary>Services that register the PostgreSQL and Redis readiness checks today; the others add them as they gain storage.</summary>
    /// <summary>Which readiness checks each service must report: the portal needs only the database; the simulators neither.</summary>
    private static readonly Dictionary<string, string[]> RequiredChecks = new()
    {
        ["api"] = ["postgres", "redis"], ["syncworker"] = ["postgres", "redis"], ["webhookreceiver"] = ["postgres", "redis"],
        ["web"] = ["postgres"], ["simulators"] = [],
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Health_is_200_and_every_check_is_healthy(string service)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(stack.Services[service], "health"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{service} /health: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("status").GetString());
        Assert.All(checks, c => Assert.True(c.Value == "Healthy", $"{service}: check {c.Key} is {c.Value}"));
        foreach (var check in RequiredChecks[service]) Assert.Equal("Healthy", checks.GetValueOrDefault(check));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Alive_is_200(string service)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(stack.Services[service], "alive"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Metrics_are_prometheus_text(string service)
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(stack.Services[service], "metrics"), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType ?? "");
        Assert.Contains("# TYPE ", body);
        Assert.Contains("http_server_request_duration_seconds", body);
    }
}
