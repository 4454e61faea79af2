using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Webhooks.Outbound;

public static class OutboundRegistration
{
    /// <summary>Fan-out and delivery (SyncWorker); options from Webhooks:Delivery plus Webhooks:AllowedNetworks.</summary>
    public static IServiceCollection AddHubWebhookDelivery(this IServiceCollection services, IConfiguration configuration, bool isProduction)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddWebhookDeliveryOptions(configuration, isProduction);
        services.AddSingleton(sp => new SsrfGuard(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.AllowedNetworks));
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<EndpointSecrets>();
        services.AddSingleton<RateGate>();
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<WebhookFanout>();
        return services;
    }

    /// <summary>The options alone (the Api validates endpoint URLs with the same HTTPS rule).</summary>
    public static IServiceCollection AddWebhookDeliveryOptions(this IServiceCollection services, IConfiguration configuration, bool isProduction)
    {
        services.AddOptions<DeliveryOptions>()
            .Configure(o => o.RequireHttps = isProduction)
            .Bind(configuration.GetSection("Webhooks:Delivery"))
            .PostConfigure(o =>
            {
                if (configuration.GetSection("Webhooks:AllowedNetworks").Get<string[]>() is { Length: > 0 } allowed) o.AllowedNetworks = allowed;
            })
            .Validate(o => o.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Webhooks:AllowedNetworks must be CIDR ranges.")
            .Validate(o => o.RetrySchedule.Length > 0 && o.Timeout > TimeSpan.Zero && o.Jitter is >= 0 and < 1, "Webhooks:Delivery has an invalid schedule, timeout or jitter.")
            .Validate(o => o.BatchSize > 0 && o.Concurrency > 0 && o.Loops > 0, "Webhooks:Delivery:BatchSize, Concurrency and Loops must be positive.")
            .ValidateOnStart();
        return services;
    }
}
