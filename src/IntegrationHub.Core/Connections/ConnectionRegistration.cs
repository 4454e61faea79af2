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
        // The shared rate budget owns 429s: the resilience pipeline must neither retry them behind the budget's back
        // nor count them towards opening the circuit for every connection of every provider.
        services.AddHttpClient<ConnectionHttp>()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(o =>
            {
                o.Retry.ShouldHandle = args => ValueTask.FromResult(NotThrottled(args.Outcome) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
                o.CircuitBreaker.ShouldHandle = args => ValueTask.FromResult(NotThrottled(args.Outcome) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            });
#pragma warning restore EXTEXP0001
        return services;
    }

    private static bool NotThrottled(Polly.Outcome<HttpResponseMessage> outcome) => outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests;
}
