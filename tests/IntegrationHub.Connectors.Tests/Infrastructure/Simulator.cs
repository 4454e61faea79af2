extern alias sim;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>
/// The QBO and Xero simulators on real Kestrel with a clock the tests can move (CDC's 30-day window), plus typed
/// helpers over its control API. Rate limits are off unless a test turns them on.
/// </summary>
public sealed class Simulator : WebApplicationFactory<sim::Program>
{
    public const string DemoRealm = "9341453050298464";
    public const string DemoXeroTenant = "7a1e8b4c-0d2f-4e6a-9b3c-5d8f1a2e4c60";

    public ShiftableClock Clock { get; } = new();

    public string Url => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Property names exactly as written (vendor payloads are PascalCase; the control API binds case-insensitively).</summary>
    private static readonly JsonSerializerOptions AsWritten = new();

    public Simulator Start()
    {
        UseKestrel(0);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulators:RateLimits:Enabled", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient Control() => CreateClient();

    public async Task<JsonObject> PostAsync(string path, object body)
    {
        using var response = await Control().PostAsJsonAsync(path, body, AsWritten, Ct);
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)) as JsonObject) ?? [];
    }

    public async Task<JsonObject> PatchAsync(string path, object body)
    {
        using var response = await Control().PatchAsJsonAsync(path, body, AsWritten, Ct);
        response.EnsureSuccessStatusCode();
        return (JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct)) as JsonObject) ?? [];
    }

    public async Task DeleteAsync(string path)
    {
        using var response = await Control().DeleteAsync(path, Ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Live record counts per entity of a QBO company or Xero organisation, from /control/state.</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(string vendor, string id)
    {
        var state = await Control().GetFromJsonAsync<JsonElement>("/control/state", Ct);
        var key = vendor == "qbo" ? "realmId" : "tenantId";
        var tenant = state.GetProperty(vendor).EnumerateArray().Single(t => t.GetProperty(key).GetString() == id);
        return tenant.GetProperty("counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    public async Task<JsonElement[]> RequestsAsync(string? pathContains = null, long after = 0)
    {
        var url = $"/control/requests?limit=10000&after={after}" + (pathContains is null ? "" : "&path=" + Uri.EscapeDataString(pathContains));
        var body = await Control().GetFromJsonAsync<JsonElement>(url, Ct);
        return body.ValueKind == JsonValueKind.Array ? [.. body.EnumerateArray()] : [.. body.GetProperty("requests").EnumerateArray()];
    }

    public async Task<long> LastSequenceAsync()
    {
        var all = await RequestsAsync();
        return all.Length == 0 ? 0 : all.Max(r => r.GetProperty("sequence").GetInt64());
    }

    public Task<JsonObject> FaultAsync(string vendor, string kind, string? pathContains, int count, int statusCode = 503) =>
        PostAsync("/control/faults", new { vendor, kind, pathContains, count, statusCode });

    public async Task<(string AccessToken, string? RefreshToken, int ExpiresIn)> IssueTokensAsync(string vendor, string clientId, string tenant)
    {
        var issued = await PostAsync("/control/tokens/issue", new { vendor, clientId, tenants = new[] { tenant } });
        return (issued["access_token"]!.GetValue<string>(), issued["refresh_token"]?.GetValue<string>(), issued["expires_in"]!.GetValue<int>());
    }
}
