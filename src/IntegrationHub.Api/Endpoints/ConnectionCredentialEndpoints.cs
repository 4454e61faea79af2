using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Typed-in credentials for API-key, basic and client-credentials providers; which fields are required follows the connector's auth kind.</summary>
public static class ConnectionCredentialEndpoints
{
    public sealed record CredentialRequest(
        [property: StringLength(2000)] string? ApiKey, [property: StringLength(200)] string? Username, [property: StringLength(500)] string? Password,
        [property: StringLength(500)] string? ClientId, [property: StringLength(2000)] string? ClientSecret);

    public static RouteGroupBuilder MapConnectionCredentialEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/connections/{id:guid}/credentials", Set).WithTags("Connections").WithName("SetConnectionCredentials")
            .RequireAuthorization(TenantAccess.Admin).WithSummary("Stores a new credential version and verifies it with a test call; the response never echoes it.");
        return api;
    }

    private static async Task<Results<Ok<ConnectionEndpoints.ConnectionResponse>, NotFound, ValidationProblem>> Set(
        Guid id, CredentialRequest request, HttpContext http, HubDbContext db, ConnectorCatalog catalog, ConnectionOperations operations, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        var credential = new StaticCredential(request.ApiKey, request.Username, request.Password, request.ClientId, request.ClientSecret);
        var missing = credential.MissingFor(catalog.Find(connection.Provider)!.Auth.Kind);
        if (missing.Count > 0)
        {
            return TypedResults.ValidationProblem(missing.Count == 1 && missing[0].Contains(' ')
                ? new Dictionary<string, string[]> { ["credential"] = [.. missing] }
                : missing.ToDictionary(m => m, m => new[] { $"{m} is required for this provider." }));
        }
        await operations.SetStaticCredentialAsync(connection, credential, http.Actor(), ct);
        return TypedResults.Ok(ConnectionEndpoints.ToResponse(connection, catalog));
    }
}
