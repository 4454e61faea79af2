using IntegrationHub.Core.Webhooks.Inbound;
using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Webhooks;

public static class WebhookWorkerRegistration
{
    /// <summary>The SyncWorker's webhook services: inbox processing, outbound fan-out and delivery.</summary>
    public static IServiceCollection AddHubWebhookProcessing(this IServiceCollection services, IConfiguration configuration, bool isProduction)
    {
        services.AddSingleton<InboxProcessor>();
        services.AddHubWebhookDelivery(configuration, isProduction);
        return services;
    }
}
