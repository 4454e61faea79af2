using IntegrationHub.Connectors;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync.Engine;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Core.Webhooks;
using IntegrationHub.SyncWorker.Workers;

namespace IntegrationHub.SyncWorker;

public static class SyncWorkerServices
{
    public static WebApplicationBuilder AddSyncWorkerServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.RequireConnectionString("hubdb");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(connectionString));
        builder.Services.AddHubDataProtection();
        builder.Services.AddSingleton(Connectors.Connectors.Catalog);
        builder.Services.AddHubSecrets(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHubConnections();
        builder.Services.AddHubMapping(Connectors.Connectors.MappingDefaults);
        builder.Services.AddHubSyncEngine();
        builder.Services.AddHubConnectors();
        builder.Services.AddHostedService<WorkerHeartbeat>();
        builder.Services.AddHubWebhookProcessing(builder.Configuration, builder.Environment.IsProduction()).AddHostedService<InboxWorker>()
            .AddHostedService<WebhookFanoutWorker>().AddHostedService<WebhookDeliveryWorker>();
        builder.Services.AddHubEventProcessing();
        // Sync runs, schedules, token maintenance and retention run as Hangfire jobs (Jobs section of the configuration).
        builder.Services.AddHubJobServer(builder.Configuration, connectionString);
        builder.Services.AddHealthChecks().AddHubInfrastructureChecks();
        return builder;
    }
}
