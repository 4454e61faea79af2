using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class ConnectionEndpoints
{
    public sealed record ConnectionResponse(Guid Id, string Provider, string ProviderName, string Environment, string DisplayName, string Status,
        string? StatusReason, string? ExternalTenantId, string? ExternalTenantName, string[] Scopes, DateTimeOffset? AccessTokenExpiresAt,
        DateTimeOffset? RefreshTokenExpiresAt, DateTimeOffset? TokenRefreshedAt, DateTimeOffset CreatedAt, DateTimeOffset? ConnectedAt,
        DateTimeOffset? DisconnectedAt, DateTimeOffset? LastTestedAt, bool? LastTestSucceeded, string? LastTestMessage);
    public sealed record CreateConnectionRequest([property: Required, StringLength(40)] string Provider, [property: StringLength(20)] string? Environment,
        [property: StringLength(200)] string? DisplayName);
    public sealed record UpdateConnectionRequest([property: Required, StringLength(200, MinimumLength = 1)] string DisplayName);
    public sealed record DisconnectResponse(ConnectionResponse Connection, string? Note);

    public static RouteGroupBuilder MapConnectionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connections");
        group.MapGet("/", List).WithName("ListConnections").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetConnection").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/", Create).WithName("CreateConnection").RequireAuthorization(TenantAccess.Admin);
        group.MapPatch("/{id:guid}", Update).WithName("UpdateConnection").RequireAuthorization(TenantAccess.Admin);
        group.MapPost("/{id:guid}/test", Test).WithName("TestConnection").RequireAuthorization(TenantAccess.Admin);
        group.MapPost("/{id:guid}/disconnect", Disconnect).WithName("DisconnectConnection").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    internal static string StatusName(ConnectionStatus status) => status switch
    {
        ConnectionStatus.NeedsReauth => "needs_reauth",
        _ => status.ToString().ToLowerInvariant(),
    };

    internal static ConnectionResponse ToResponse(Connection c, ConnectorCatalog catalog) =>
        new(c.Id, c.Provider, catalog.Find(c.Provider)?.Name ?? c.Provider, c.Environment, c.DisplayName, StatusName(c.Status), c.StatusReason,
            c.ExternalTenantId, c.ExternalTenantName, c.Scopes, c.AccessTokenExpiresAt, c.RefreshTokenExpiresAt, c.TokenRefreshedAt, c.CreatedAt,
            c.ConnectedAt, c.DisconnectedAt, c.LastTestedAt, c.LastTestSucceeded, c.LastTestMessage);

    private static async Task<Ok<List<ConnectionResponse>>> List(HubDbContext db, ConnectorCatalog catalog, CancellationToken ct) =>
        TypedResults.Ok((await db.Connections.AsNoTracking().OrderBy(c => c.DisplayName).ToListAsync(ct)).Select(c => ToResponse(c, catalog)).ToList());

    private static async Task<Results<Ok<ConnectionResponse>, NotFound>> Get(Guid id, HubDbContext db, ConnectorCatalog catalog, CancellationToken ct) =>
        await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? TypedResults.Ok(ToResponse(c, catalog)) : TypedResults.NotFound();

    private static async Task<Results<Created<ConnectionResponse>, ValidationProblem>> Create(
        CreateConnectionRequest request, HttpContext http, HubDbContext db, ConnectorCatalog catalog, ProviderSettings settings, CancellationToken ct)
    {
        if (catalog.Find(request.Provider) is not { } connector)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["provider"] = [$"Unknown provider '{request.Provider}'. Known: {string.Join(", ", catalog.All.Select(c => c.Key))}."] });
        var environment = request.Environment ?? settings.DefaultEnvironment;
        if (!connector.Environments.ContainsKey(environment))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["environment"] = [$"{connector.Name} has no '{environment}' environment. Known: {string.Join(", ", connector.Environments.Keys)}."] });

        var connection = new Connection
        {
            Provider = connector.Key, Environment = environment, DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? connector.Name : request.DisplayName.Trim(),
            CreatedByUserId = http.User.UserId(), StatusReason = "Not authorised yet.",
        };
        db.Connections.Add(connection);
        db.Audit(http.User.TenantId(), AuditActions.ConnectionCreated, http.Actor(), "connection", connection.Id.ToString(), new { connection.Provider, environment });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/connections/{connection.Id}", ToResponse(connection, catalog));
    }

    private static async Task<Results<Ok<ConnectionResponse>, NotFound>> Update(Guid id, UpdateConnectionRequest request, HttpContext http, HubDbContext db, ConnectorCatalog catalog, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        connection.DisplayName = request.DisplayName.Trim();
        db.Audit(connection.TenantId, AuditActions.ConnectionUpdated, http.Actor(), "connection", id.ToString(), new { connection.DisplayName });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToResponse(connection, catalog));
    }

    private static async Task<Results<Ok<ConnectionResponse>, NotFound>> Test(Guid id, HttpContext http, HubDbContext db, ConnectionOperations operations, ConnectorCatalog catalog, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        await operations.TestAsync(connection, http.Actor(), ct);
        return TypedResults.Ok(ToResponse(connection, catalog));
    }

    private static async Task<Results<Ok<DisconnectResponse>, NotFound>> Disconnect(Guid id, HttpContext http, HubDbContext db, ConnectionOperations operations,
        ConnectorCatalog catalog, Core.Jobs.SyncSchedules schedules, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        var note = await operations.DisconnectAsync(connection, http.Actor(), ct);
        schedules.RemoveConnection(id);
        return TypedResults.Ok(new DisconnectResponse(ToResponse(connection, catalog), note));
    }
}
