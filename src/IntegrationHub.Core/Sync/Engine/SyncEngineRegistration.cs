using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Core.Sync.Engine;

public static class SyncEngineRegistration
{
    /// <summary>
    /// The sync engine: <see cref="ISyncRunExecutor"/> is <see cref="SyncRunner"/>, scoped (one run per scope). Needs
    /// HubDbContext, TenantContext, AddHubConnections and the connectors (registered as <see cref="ISyncConnector"/>,
    /// matched by Connection.Provider == Key). Options: configuration section "SyncEngine".
    /// </summary>
    public static IServiceCollection AddHubSyncEngine(this IServiceCollection services)
    {
        services.AddOptions<SyncEngineOptions>().BindConfiguration("SyncEngine")
            .Validate(o => o.MaxConsecutiveRateLimits >= 0 && o.TransientRetries >= 0 && o.PushBatchSize > 0, "SyncEngine options must not be negative; PushBatchSize must be positive.")
            .ValidateOnStart();
        // Field mappings: a host that registers AddHubMapping (with the connectors' default rules) first keeps its registration.
        services.TryAddSingleton(ConnectorMappingDefaults.Empty);
        services.TryAddScoped<MappingService>();
        services.AddScoped<RecordStore>();
        services.AddScoped<BulkRecordRows>();
        services.AddSingleton<RunProgress>();
        services.AddScoped<RunUnitOfWork>();
        services.AddScoped<ReferenceLookup>();
        services.AddSingleton<ProviderCalls>();
        services.AddScoped<PaymentFlow>();
        services.AddScoped<PullApplier>();
        services.AddScoped<DeleteSweep>();
        services.AddScoped<StoreStatistics>();
        services.AddScoped<InboundSync>();
        services.AddScoped<PushWriter>();
        services.AddScoped<OutboundPush>();
        services.AddScoped<SyncRunner>();
        services.AddScoped<ISyncRunExecutor>(sp => sp.GetRequiredService<SyncRunner>());
        return services;
    }
}
