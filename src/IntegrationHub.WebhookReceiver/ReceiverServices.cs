using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Core.Webhooks.Inbound;

namespace IntegrationHub.WebhookReceiver;

public static class ReceiverServices
{
    public static WebApplicationBuilder AddReceiverServices(this WebApplicationBuilder builder)
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
        builder.Services.AddHubWebhookIngest(connectionString);
        builder.Services.AddOptions<ReceiverOptions>().Bind(builder.Configuration.GetSection("Webhooks"))
            .Validate(o => o.MaxBodyBytes is > 0 and <= 64 * 1024 * 1024, "Webhooks:MaxBodyBytes must be between 1 byte and 64 MiB.").ValidateOnStart();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddHubInfrastructureChecks();
        return builder;
    }
}
