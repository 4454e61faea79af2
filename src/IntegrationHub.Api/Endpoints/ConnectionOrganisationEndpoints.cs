using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>When one grant covers several organisations (Xero), the admin chooses which one this connection is.</summary>
public static class ConnectionOrganisationEndpoints
{
    public sealed record ChooseRequest([property: Required, StringLength(100)] string ExternalTenantId);

    public static RouteGroupBuilder MapConnectionOrganisationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections/{id:guid}").WithTags("Connections");
        group.MapGet("/organisations", List).WithName("ListGrantedOrganisations").RequireAuthorization(TenantAccess.Admin);
        group.MapPost("/organisation", Choose).WithName("ChooseOrganisation").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<ExternalTenant>>, NotFound, ProblemHttpResult>> List(
        Guid id, HubDbContext db, ConnectorCatalog catalog, ConnectionCredentials credentials, ExternalTenants tenants, CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        if (await credentials.LoadAsync(connection, ct) is not { } tokens)
            return TypedResults.Problem(title: "Not authorised", detail: "Authorise the connection first.", statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(await tenants.ListAsync(catalog.Find(connection.Provider)!, connection.Environment, tokens.AccessToken, ct));
    }

    private static async Task<Results<Ok<ConnectionEndpoints.ConnectionResponse>, NotFound, ProblemHttpResult>> Choose(
        Guid id, ChooseRequest request, HttpContext http, HubDbContext db, ConnectorCatalog catalog, ConnectionCredentials credentials, ConnectionOAuthFlow flow, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        if (await credentials.LoadAsync(connection, ct) is not { } tokens)
            return TypedResults.Problem(title: "Not authorised", detail: "Authorise the connection first.", statusCode: StatusCodes.Status409Conflict);
        if (await flow.ChooseOrganisationAsync(connection, request.ExternalTenantId, http.Actor(), tokens.AccessToken, ct) is { } problem)
            return TypedResults.Problem(title: "Organisation not available", detail: problem, statusCode: StatusCodes.Status409Conflict);
        return TypedResults.Ok(ConnectionEndpoints.ToResponse(connection, catalog));
    }
}
