using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Seeding;
using IntegrationHub.Simulators.Tests.Contracts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Simulators.Tests.Infrastructure;

/// <summary>
/// The simulator in-process with a settable clock. Rate limits are off unless a test turns them on,
/// and webhook retries are compressed to milliseconds.
/// </summary>
public sealed class SimulatorApp : WebApplicationFactory<Program>
{
    public const string Realm = Seeder.DemoRealmId;
    public const string XeroNz = Seeder.DemoXeroNzTenantId;
    public const string XeroAu = Seeder.DemoXeroAuTenantId;

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Simulators:RateLimits:Enabled"] = "false",
        ["Simulators:Webhooks:RetryDelays:0"] = "00:00:00.100",
        ["Simulators:Webhooks:RetryDelays:1"] = "00:00:00.200",
        ["Simulators:Webhooks:ReceiverTimeout"] = "00:00:02",
        ["Simulators:PublicBaseUrl"] = "http://simulator.test",
    };

    public FakeTime Time { get; } = new();

    public SimulatorApp With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>A client whose every vendor response is checked against the vendor's published contract.</summary>
    public HttpClient Client() => CreateDefaultClient(new ContractCheckingHandler());

    public async Task<JsonObject> IssueTokens(string vendor, params string[] tenants)
    {
        var clientId = vendor == "qbo" ? "qbo-dev-client" : "xero-dev-client";
        var response = await Client().PostAsJsonAsync("/control/tokens/issue", new { vendor, clientId, tenants });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public async Task<HttpClient> QboClient(string realm = Realm)
    {
        var tokens = await IssueTokens("qbo", realm);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        return client;
    }

    public async Task<HttpClient> XeroClient(string tenant = XeroNz)
    {
        var tokens = await IssueTokens("xero", XeroNz, XeroAu);
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens["access_token"]!.GetValue<string>());
        client.DefaultRequestHeaders.Add("xero-tenant-id", tenant);
        return client;
    }
}
