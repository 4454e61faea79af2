using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace IntegrationHub.Api.Endpoints;

/// <summary>GET /api/v1/connections/{id}/health: rate-budget use now and run/record error rates over the last hours.</summary>
public static class ConnectionHealthEndpoints
{
    public const int MaxHours = 168;

    public static RouteGroupBuilder MapConnectionHealthEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/connections/{id:guid}/health", Get).WithTags("Connections").WithName("GetConnectionHealth")
            .RequireAuthorization(TenantAccess.Read)
            .WithSummary("How much of the connection's shared rate budget is taken now, and its run and record error rates over the last `hours` (default 24, at most 168).");
        return api;
    }

    private static async Task<Results<Ok<ConnectionHealth.Report>, NotFound, ValidationProblem>> Get(Guid id, HubDbContext db, ConnectorCatalog catalog,
        ConnectionRateLimiter limiter, TimeProvider clock, ILoggerFactory logs, CancellationToken ct, int? hours = null)
    {
        var window = hours ?? 24;
        if (window is < 1 or > MaxHours)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = [$"hours must be between 1 and {MaxHours}; it was {window}."] });
        if (await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } connection) return TypedResults.NotFound();

        var since = clock.GetUtcNow().AddHours(-window);
        var runs = (await db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == id && r.FinishedAt != null && r.FinishedAt >= since)
                .Select(r => new { r.Status, r.Processed, r.Counts, r.RateLimitWaitMs }).ToListAsync(ct))
            .Select(r => new ConnectionHealth.FinishedRun(r.Status, r.Processed, r.Counts.Values, r.RateLimitWaitMs)).ToList();

        var budget = ConnectionHealth.Budget(null);
        if (catalog.Find(connection.Provider) is { } connector)
        {
            try
            {
                budget = ConnectionHealth.Budget(await limiter.UsageAsync(connection, connector, ct));
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                logs.CreateLogger(typeof(ConnectionHealthEndpoints)).LogWarning(ex, "Rate budget of connection {ConnectionId} unreadable", id);
                budget = ConnectionHealth.Unavailable;
            }
        }
        return TypedResults.Ok(new ConnectionHealth.Report(id, ConnectionHealth.Errors(runs, window), budget));
    }
}
