using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Operators manage the hub's own app credentials at each provider and environment, and see when rotation is due.</summary>
public static class OperatorProviderEndpoints
{
    public sealed record ProviderAppStatus(string Provider, string Environment, string? Source, string? ClientId,
        DateTimeOffset? LastRotatedAt, DateTimeOffset? RotationDueAt, string? Version);
    public sealed record SetProviderAppRequest([property: Required, StringLength(500)] string ClientId, [property: StringLength(2000)] string? ClientSecret);

    public static RouteGroupBuilder MapOperatorProviderEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/providers").WithTags("Operator").RequireAuthorization(TenantAccess.Operator);
        group.MapGet("/", List).WithName("ListProviderApps").WithSummary("Every connector and environment: where its app credential comes from and when rotation is due; never the secret.");
        group.MapPut("/{provider}/{environment}/credentials", Set).WithName("RotateProviderApp");
        return api;
    }

    private static async Task<Ok<List<ProviderAppStatus>>> List(ConnectorCatalog catalog, ProviderSettings settings, ISecretStore secrets, CancellationToken ct)
    {
        var rows = new List<ProviderAppStatus>();
        foreach (var connector in catalog.All.OrderBy(c => c.Key))
        {
            foreach (var environment in connector.Environments.Keys.Order())
            {
                var current = await ProviderApps.CurrentVersionAsync(secrets, connector.Key, environment, ct);
                var app = current is null ? null : await ProviderApps.LoadAsync(secrets, connector.Key, environment, ct);
                rows.Add(current is null
                    ? new ProviderAppStatus(connector.Key, environment, settings.ConfiguredSource(connector.Key, environment), null, null, null, null)
                    : new ProviderAppStatus(connector.Key, environment, "secret_store", app?.ClientId, current.CreatedAt, current.CreatedAt + ProviderApps.RotationInterval, current.Version));
            }
        }
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<ProviderAppStatus>, NotFound, ValidationProblem>> Set(string provider, string environment, SetProviderAppRequest request,
        HttpContext http, ConnectorCatalog catalog, ProviderSettings settings, ISecretStore secrets, HubDbContext db, CancellationToken ct)
    {
        if (catalog.Find(provider) is not { } connector || !connector.Environments.ContainsKey(environment)) return TypedResults.NotFound();
        var version = await ProviderApps.SaveAsync(secrets, connector.Key, environment, new ProviderApp(request.ClientId.Trim(), request.ClientSecret), ct);
        settings.Forget(connector.Key, environment);
        db.Audit(null, AuditActions.ProviderAppRotated, http.Actor(), "provider_app", $"{connector.Key}/{environment}/v{version}", new { provider = connector.Key, environment, clientId = request.ClientId });
        await db.SaveChangesAsync(ct);
        var current = await ProviderApps.CurrentVersionAsync(secrets, connector.Key, environment, ct);
        return TypedResults.Ok(new ProviderAppStatus(connector.Key, environment, "secret_store", request.ClientId.Trim(), current?.CreatedAt,
            current?.CreatedAt + ProviderApps.RotationInterval, version));
    }
}
