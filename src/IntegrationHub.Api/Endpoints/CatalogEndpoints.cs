using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Connectors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IntegrationHub.Api.Endpoints;

/// <summary>The connectors the product offers, straight from their metadata files.</summary>
public static class CatalogEndpoints
{
    public sealed record CatalogEntity(string Canonical, string Remote, IReadOnlyList<string> Directions);
    public sealed record CatalogEntry(string Key, string Name, string Category, string Description, string AuthKind,
        IReadOnlyList<string> Environments, string? WebhookScheme, IReadOnlyList<CatalogEntity> Entities, IReadOnlyList<RateLimitDimension> RateLimits);

    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/catalog", List).WithTags("Catalog").WithName("ListConnectors").RequireAuthorization(TenantAccess.Read);
        return api;
    }

    private static Ok<List<CatalogEntry>> List(ConnectorCatalog catalog) =>
        TypedResults.Ok(catalog.All.OrderBy(c => c.Category).ThenBy(c => c.Name)
            .Select(c => new CatalogEntry(c.Key, c.Name, c.Category, c.Description, c.Auth.Kind.ToString(), c.Environments.Keys.ToList(),
                c.Webhooks?.Scheme, c.Entities.Select(e => new CatalogEntity(e.Canonical, e.Remote, e.Directions)).ToList(), c.RateLimits))
            .ToList());
}
