using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.RateLimits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace IntegrationHub.Core.Connections;

public static class ConnectionRegistration
{
    /// <summary>The connection layer. Needs a ConnectorCatalog, an ISecretStore (AddHubSecrets), Redis and Data Protection registered.</summary>
    public static IServiceCollection AddHubConnections(this IServiceCollection services)
    {
        services.AddSingleton<ProviderSettings>();
        services.AddScoped<ConnectionCredentials>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<ConnectionOAuthFlow>();
        services.AddScoped<ConnectionOperations>();
        services.AddSingleton<IdleTokenRenewal>();
        services.AddSingleton<ClientSecretRotationReminder>();
        // A code is single-use and a rotated refresh token dies when used: never replay token POSTs automatically.
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers is marked experimental; it is the documented way to replace the defaults.
        services.AddHttpClient<OAuthClient>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
        services.AddHttpClient<ExternalTenants>();
        services.AddHubRateLimits();
        // Provider calls get no resilience pipeline: the sync engine retries pages and records (resuming from its checkpoint),
        // the queue retries jobs by error class, and the shared rate budget owns 429s. A retry layer here would repeat
        // writes behind the engine's back, and one circuit breaker shared by every connection of every provider would let
        // one organisation's outage stop all the others.
        services.AddHttpClient<ConnectionHttp>().RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return services;
    }
}
