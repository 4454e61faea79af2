extern alias sim;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Sync.Engine;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IntegrationHub.Sync.Tests;

/// <summary>The QBO/Xero simulator on real Kestrel with rate limits off unless a test injects them.</summary>
public sealed class SimulatorServer : WebApplicationFactory<sim::Program>
{
    public string Url => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public SimulatorServer Start()
    {
        UseKestrel(0);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Simulators:RateLimits:Enabled", "false");
    }
}

/// <summary>
/// The engine as the SyncWorker wires it (AddHubConnections + AddHubSyncEngine over a real database and Redis), a
/// running simulator, and the test connector. Each test gets its own tenant, QBO company and connection.
/// </summary>
public class SyncFixture : IAsyncLifetime
{
    public SyncFixture() : this(new TestDatabase()) { }

    /// <summary>For fixtures that own their database's servers (fault tests that stop or restart them).</summary>
    protected SyncFixture(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }
    public SimulatorServer Simulator { get; private set; } = null!;
    public ServiceProvider Services { get; private set; } = null!;
    public QboTestConnector Connector { get; } = new();
    private IConnectionMultiplexer? _redis;

    public virtual async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Simulator = new SimulatorServer().Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:simulators:http:0"] = Simulator.Url,
            ["Secrets:KeyFile"] = Path.Combine(TestServers.Directory, "master.key"),
            ["SyncEngine:MaxRateLimitWait"] = "00:00:00.150",
            ["SyncEngine:TransientBackoff"] = "00:00:00.010",
        }).Build();
        _redis = await ConnectionMultiplexer.ConnectAsync(Database.RedisConnectionString);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(Database.ConnectionString));
        services.AddHubDataProtection();
        services.AddSingleton(Connectors.Connectors.Catalog);
        services.AddHubSecrets(configuration, AppContext.BaseDirectory);
        services.AddSingleton(_redis);
        services.AddHubConnections();
        services.AddHubSyncEngine();
        AddConnectors(services);
        Services = services.BuildServiceProvider();
    }

    /// <summary>The test connector; <see cref="RealConnectorsFixture"/> registers the product's connectors instead.</summary>
    protected virtual void AddConnectors(IServiceCollection services) => services.AddSingleton<ISyncConnector>(Connector);

    public virtual async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Simulator.DisposeAsync();
        _redis?.Dispose();
        await Database.DisposeAsync();
    }

    public HttpClient Control() => Simulator.CreateClient();

    /// <summary>A tenant, a fresh QBO company seeded with <paramref name="customers"/> customers, and an active connection with simulator-issued tokens.</summary>
    public async Task<TestConnection> ConnectAsync(int customers, CancellationToken ct, Guid? tenantId = null, object? seed = null)
    {
        var control = Control();
        var company = await (await control.PostAsJsonAsync("/control/qbo/companies", new { name = "Engine " + Guid.NewGuid().ToString("N")[..8] }, ct))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        var realm = company.GetProperty("realmId").GetString()!;
        (await control.PostAsJsonAsync($"/control/qbo/companies/{realm}/seed",
            seed ?? new { seed = 7, customers, items = 0, invoices = 0, payments = 0, chartOfAccounts = false }, ct)).EnsureSuccessStatusCode();
        var issued = await (await control.PostAsJsonAsync("/control/tokens/issue", new { vendor = "qbo", clientId = "qbo-dev-client", tenants = new[] { realm } }, ct))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);

        await using var db = Database.CreateContext();
        var tenant = tenantId is { } existing ? await db.Tenants.FindAsync([existing], ct)
            : new Tenant { Name = "Engine tenant " + realm, Slug = Slug.From("engine-" + Guid.NewGuid().ToString("N")[..12]) };
        if (tenantId is null) db.Tenants.Add(tenant!);
        await db.SaveChangesAsync(ct);
        var connection = new Connection
        {
            TenantId = tenant!.Id, Provider = "quickbooks", Environment = "simulator", DisplayName = "QBO " + realm,
            Status = ConnectionStatus.Active, ExternalTenantId = realm,
        };
        await using (var scope = Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id);
            var now = DateTimeOffset.UtcNow;
            var tokens = new TokenSet(issued.GetProperty("access_token").GetString()!, issued.GetProperty("refresh_token").GetString(),
                now.AddSeconds(issued.GetProperty("expires_in").GetInt64()), now.AddDays(100), ["com.intuit.quickbooks.accounting"], now);
            await scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().SaveAsync(connection, tokens, ct);
            var scopedDb = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            scopedDb.Connections.Add(connection);
            await scopedDb.SaveChangesAsync(ct);
        }
        return new TestConnection(this, tenant.Id, connection.Id, realm, issued.GetProperty("access_token").GetString()!);
    }
}

/// <summary>The engine with the real QuickBooks and Xero connectors (AddHubConnectors) against the simulator.</summary>
public sealed class RealConnectorsFixture : SyncFixture
{
    protected override void AddConnectors(IServiceCollection services) => Connectors.ConnectorRegistration.AddHubConnectors(services);

    /// <summary>A tenant, a fresh Xero organisation seeded as <paramref name="seed"/> says, and an active connection to it.</summary>
    public async Task<(Guid TenantId, Guid ConnectionId, string OrgId, string AccessToken)> ConnectXeroAsync(object seed, CancellationToken ct)
    {
        var control = Control();
        var org = await (await control.PostAsJsonAsync("/control/xero/organisations", new { name = "Engine " + Guid.NewGuid().ToString("N")[..8], currency = "USD" }, ct))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        var orgId = org.GetProperty("tenantId").GetString()!;
        (await control.PostAsJsonAsync($"/control/xero/organisations/{orgId}/seed", seed, ct)).EnsureSuccessStatusCode();
        var issued = await (await control.PostAsJsonAsync("/control/tokens/issue", new { vendor = "xero", clientId = "xero-dev-client", tenants = new[] { orgId } }, ct))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        await using var db = Database.CreateContext();
        var tenant = new Tenant { Name = "Xero tenant " + orgId, Slug = Slug.From("xero-" + Guid.NewGuid().ToString("N")[..12]) };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct);
        var connection = new Connection
        {
            TenantId = tenant.Id, Provider = "xero", Environment = "simulator", DisplayName = "Xero " + orgId,
            Status = ConnectionStatus.Active, ExternalTenantId = orgId,
        };
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id);
        var now = DateTimeOffset.UtcNow;
        var access = issued.GetProperty("access_token").GetString()!;
        var tokens = new TokenSet(access, issued.GetProperty("refresh_token").GetString(),
            now.AddSeconds(issued.GetProperty("expires_in").GetInt64()), now.AddDays(60), ["accounting.transactions", "accounting.contacts", "accounting.settings", "offline_access"], now);
        await scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().SaveAsync(connection, tokens, ct);
        var scopedDb = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        scopedDb.Connections.Add(connection);
        await scopedDb.SaveChangesAsync(ct);
        return (tenant.Id, connection.Id, orgId, access);
    }
}
