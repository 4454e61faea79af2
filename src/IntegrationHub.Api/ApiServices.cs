using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Endpoints;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Api.Jobs;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Api.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Core.Webhooks.Outbound;
using Scalar.AspNetCore;

namespace IntegrationHub.Api;

public static class ApiServices
{
    public static WebApplicationBuilder AddApiServices(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.RequireConnectionString("hubdb");
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(connectionString));
        builder.Services.AddHubDataProtection();
        builder.Services.AddHubIdentityCore();
        builder.Services.AddHubApiAuth();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Connectors.Connectors.Catalog);
        builder.Services.AddHubSecrets(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddHubConnections();
        builder.Services.AddWebhookDeliveryOptions(builder.Configuration, builder.Environment.IsProduction());
        builder.Services.AddHubRecordIntake();
        builder.Services.AddHubJobs(builder.Configuration, connectionString);
        builder.Services.AddHubMapping(Connectors.Connectors.MappingDefaults);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddValidation();
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddHubInfrastructureChecks();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes);
        return builder;
    }

    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        // Every tenant-owned query of this request is filtered by the authenticated caller's tenant from here on.
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<TenantContext>().Enter(context.User.TenantId());
            return next(context);
        });
        app.UseAuthorization();
        app.MapOperatorJobDashboard();

        app.MapOpenApi();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("IntegrationHub API"));

        var v1 = app.MapGroup("/api/v1").AddEndpointFilter<PortalCsrfFilter>().ProducesProblem(StatusCodes.Status400BadRequest);
        v1.MapMeEndpoints();
        v1.MapCatalogEndpoints();
        v1.MapConnectionEndpoints();
        v1.MapConnectionHealthEndpoints();
        v1.MapConnectionOAuthEndpoints();
        v1.MapConnectionOrganisationEndpoints();
        v1.MapConnectionCredentialEndpoints();
        v1.MapTenantEndpoints();
        v1.MapUserEndpoints();
        v1.MapApiKeyEndpoints();
        v1.MapAuditEndpoints();
        v1.MapOperatorTenantEndpoints();
        v1.MapOperatorProviderEndpoints();
        v1.MapWebhookEndpointEndpoints().MapWebhookMessageEndpoints().MapInboundEventEndpoints();
        v1.MapRecordWriteEndpoints();
        v1.MapRecordEndpoints();
        v1.MapSyncRunEndpoints();
        v1.MapConflictEndpoints();
        v1.MapDeleteQuarantineEndpoints();
        v1.MapOperatorEventEndpoints();
        v1.MapSyncConfigEndpoints();
        v1.MapSyncNowEndpoints();
        v1.MapJobEndpoints();
        v1.MapOperatorConnectionEndpoints();
        v1.MapOperatorMetricsEndpoints();
        v1.MapMappingEndpoints().MapLookupTableEndpoints().MapAccountSuggestionEndpoints();
        return app;
    }
}
