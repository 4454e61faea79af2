using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Webhooks;
using IntegrationHub.Core.Webhooks.Outbound;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>The SyncWorker's webhook services (inbox processor, fan-out, delivery) over a test database, on a manual clock.</summary>
public sealed class Harness : IAsyncDisposable
{
    // Whole seconds: PostgreSQL keeps microseconds, so a sub-microsecond start would round "due now" into the future.
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    public ServiceProvider Services { get; }

    private readonly TestDatabase _database;

    public Harness(TestDatabase database, Dictionary<string, string?>? settings = null)
    {
        _database = database;
        var all = new Dictionary<string, string?>
        {
            ["Secrets:KeyFile"] = Path.Combine(TestServers.Directory, "master.key"),
            ["Webhooks:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Webhooks:Delivery:Jitter"] = "0",
        };
        foreach (var (k, v) in settings ?? [])
        {
            if (v is null) all.Remove(k);
            else all[k] = v;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(database.ConnectionString));
        services.AddHubSecrets(configuration, AppContext.BaseDirectory);
        services.AddHubWebhookProcessing(configuration, isProduction: false);
        services.AddSingleton<RecordingScheduler>();
        services.AddSingleton<ISyncScheduler>(sp => sp.GetRequiredService<RecordingScheduler>());
        services.AddSingleton<TimeProvider>(Clock);
        Services = services.BuildServiceProvider();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>An endpoint created the way the Api creates one; returns it with its whsec_ secret.</summary>
    public async Task<(WebhookEndpoint Endpoint, string Secret)> CreateEndpointAsync(Guid tenantId, string url, string[] eventTypes, Action<WebhookEndpoint>? configure = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var endpoint = new WebhookEndpoint { TenantId = tenantId, Url = url, EventTypes = eventTypes, CreatedAt = Clock.GetUtcNow() };
        configure?.Invoke(endpoint);
        var secret = await EndpointSecrets.RotateAsync(scope.ServiceProvider.GetRequiredService<ISecretStore>(), endpoint, Clock.GetUtcNow(), TimeSpan.FromHours(24), default);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return (endpoint, secret);
    }

    public async Task<string> RotateAsync(Guid endpointId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var endpoint = await db.WebhookEndpoints.IgnoreQueryFilters().SingleAsync(e => e.Id == endpointId);
        var secret = await EndpointSecrets.RotateAsync(scope.ServiceProvider.GetRequiredService<ISecretStore>(), endpoint, Clock.GetUtcNow(), TimeSpan.FromHours(24), default);
        await db.SaveChangesAsync();
        return secret;
    }

    public async Task EmitAsync(Guid tenantId, string type, object payload, int count = 1)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        for (var i = 0; i < count; i++) IntegrationHub.Core.Events.OutboxExtensions.Emit(db, tenantId, type, payload);
        await db.SaveChangesAsync();
    }

    /// <summary>Fan-out until the outbox is drained, then one delivery batch; returns how many messages it claimed.</summary>
    public async Task<int> PumpAsync()
    {
        while (await Get<WebhookFanout>().FanOutBatchAsync(default) > 0) { }
        return await Get<WebhookDelivery>().DeliverBatchAsync(default);
    }

    public HubDbContext Db(Guid? tenantId = null) => _database.CreateContext(tenantId);

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
