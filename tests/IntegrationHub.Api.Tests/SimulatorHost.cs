extern alias sim;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Api.Tests;

/// <summary>The QBO and Xero simulators on real Kestrel, as the AppHost runs them; short token lifetimes are opt-in.</summary>
public sealed class SimulatorHost : WebApplicationFactory<sim::Program>
{
    private readonly Dictionary<string, string> _settings = new() { ["Simulators:RateLimits:Enabled"] = "false" };

    public SimulatorHost With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    public string Url => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public SimulatorHost Start()
    {
        UseKestrel(0);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public async Task<JsonElement[]> RequestsAsync(string method, string pathContains)
    {
        var body = await CreateClient().GetFromJsonAsync<JsonElement>($"/control/requests?method={method}&path={Uri.EscapeDataString(pathContains)}&limit=10000");
        return body.ValueKind == JsonValueKind.Array ? [.. body.EnumerateArray()] : [.. body.GetProperty("requests").EnumerateArray()];
    }

    public Task RevokeAllAsync(string vendor) => CreateClient().PostAsJsonAsync("/control/tokens/revoke", new { vendor });
}

/// <summary>An Api wired to a running simulator, as under ./hub up.</summary>
public sealed class ConnectedApiFactory : ApiFactory
{
    public SimulatorHost Simulator { get; } = new SimulatorHost().Start();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
        [("services:simulators:http:0", Simulator.Url), ("services:web:http:0", "http://portal.test")];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>Another Api instance on the same database, Redis and simulator: a second "process" for cross-instance tests.</summary>
public sealed class SiblingApiHost(ConnectedApiFactory primary) : WebApplicationFactory<Program>
{
    public SiblingApiHost Start()
    {
        UseKestrel(0);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:hubdb", primary.Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", primary.Database.RedisConnectionString);
        builder.UseSetting("Secrets:KeyFile", Path.Combine(IntegrationHub.Testing.TestServers.Directory, "master.key"));
        builder.UseSetting("services:simulators:http:0", primary.Simulator.Url);
        builder.ConfigureTestServices(s => s.TryAddScoped<IntegrationHub.Core.Sync.ISyncScheduler, IntegrationHub.Testing.QueuedRunScheduler>());
    }
}
