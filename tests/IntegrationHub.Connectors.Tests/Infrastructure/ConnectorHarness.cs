using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>
/// A real connection to the simulator for one test class: a fresh database, the hub's connection layer (secret store,
/// access tokens with refresh, ConnectionHttp) wired as the services wire it, tokens issued by the simulator and stored
/// encrypted, and a <see cref="ConnectorContext"/> on top, so every connector call goes the production path.
/// </summary>
public sealed class ConnectorHarness : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ServiceProvider? _services;
    private AsyncServiceScope _scope;
    private IConnectionMultiplexer? _redis;

    public Simulator Simulator { get; } = new Simulator().Start();
    public Guid TenantId { get; } = Guid.CreateVersion7();
    public SyncConnectors Connectors => _services!.GetRequiredService<SyncConnectors>();

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _redis = await ConnectionMultiplexer.ConnectAsync(_database.RedisConnectionString);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:simulators:http:0"] = Simulator.Url,
            ["Secrets:KeyFile"] = Path.Combine(TestServers.Directory, "master.key"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<ITenantContext>(new FixedTenantContext(TenantId));
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(_database.ConnectionString));
        services.AddSingleton(_redis);
        services.AddHubSecrets(configuration, AppContext.BaseDirectory);
        services.AddHubConnectors();
        services.AddHubConnections();
        _services = services.BuildServiceProvider();
        _scope = _services.CreateAsyncScope();
        var db = _scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.Add(new Tenant { Id = TenantId, Name = "Connector tests", Slug = "connector-tests-" + TenantId.ToString("N")[..8] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>An active connection of this tenant to a simulated company, with freshly issued tokens.</summary>
    public async Task<ConnectorContext> ConnectAsync(string provider, string externalTenantId)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = _scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Provider == provider && c.ExternalTenantId == externalTenantId, ct);
        if (connection is null)
        {
            connection = new Connection { Provider = provider, Environment = "simulator", DisplayName = $"{provider} {externalTenantId}", TenantId = TenantId };
            connection.ExternalTenantId = externalTenantId;
            connection.Status = ConnectionStatus.Active;
            connection.ConnectedAt = DateTimeOffset.UtcNow;
            db.Add(connection);
        }
        var vendor = provider == "quickbooks" ? "qbo" : "xero";
        var (access, refresh, expiresIn) = await Simulator.IssueTokensAsync(vendor, $"{vendor}-dev-client", externalTenantId);
        var now = DateTimeOffset.UtcNow;
        var tokens = new TokenSet(access, refresh, now.AddSeconds(expiresIn), now.AddDays(60), [], now);
        await _scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().SaveAsync(connection, tokens, ct);
        await db.SaveChangesAsync(ct);
        return new ConnectorContext(connection, _scope.ServiceProvider.GetRequiredService<ConnectionHttp>(), Simulator.Clock);
    }

    public ISyncConnector Connector(string key) => Connectors.Get(key);

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        await Simulator.DisposeAsync();
        await _database.DisposeAsync();
    }
}
