using IntegrationHub.Core.Webhooks.Inbound.Verifiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace IntegrationHub.Core.Webhooks.Inbound;

public static class InboundRegistration
{
    /// <summary>The receiving side: provider sources, the verify-and-persist pipeline and the inbox group-commit writer.</summary>
    public static IServiceCollection AddHubWebhookIngest(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IWebhookSource, QboWebhookSource>();
        services.AddSingleton<IWebhookSource, XeroWebhookSource>();
        services.AddSingleton<WebhookConnections>();
        services.AddKeyedSingleton(nameof(InboxWriter), (_, _) => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(sp => new InboxWriter(sp.GetRequiredKeyedService<NpgsqlDataSource>(nameof(InboxWriter))));
        services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        services.AddSingleton<WebhookIngest>();
        return services;
    }

    /// <summary>Every scheme's verifier, for connectors that resolve one by the scheme name in their metadata.</summary>
    public static IReadOnlyList<IWebhookVerifier> SymmetricVerifiers { get; } =
    [
        new QboVerifier(), new XeroVerifier(), new ShopifyVerifier(), new StandardWebhooksVerifier(), new HubSpotV3Verifier(),
        new StripeVerifier(), new ExactVerifier(), new BusinessCentralVerifier(),
    ];
}
