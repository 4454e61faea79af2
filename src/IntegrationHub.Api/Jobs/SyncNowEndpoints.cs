using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Jobs;

/// <summary>Manual sync: queues a run of the chosen (or every enabled) entity and answers 202 with the queued run.</summary>
public static class SyncNowEndpoints
{
    public sealed record SyncNowRequest(string[]? Entities, string? Mode);
    public sealed record QueuedRunResponse(Guid Id, Guid ConnectionId, string Status, string Kind, string Trigger, string[] Entities, string? JobId, DateTimeOffset QueuedAt);

    public static RouteGroupBuilder MapSyncNowEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/connections/{id:guid}/sync", SyncNow).WithTags("Sync").WithName("SyncConnection").RequireAuthorization(TenantAccess.Write)
            .WithSummary("Queues a sync run now: { entities?: [...], mode: incremental | full }. Only active connections sync (409 otherwise).");
        return api;
    }

    private static async Task<Results<Accepted<QueuedRunResponse>, NotFound, ValidationProblem, ProblemHttpResult>> SyncNow(Guid id, SyncNowRequest? request,
        HttpContext http, HubDbContext db, ConnectorCatalog catalog, ISyncScheduler scheduler, CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        var kind = (request?.Mode?.Trim().ToLowerInvariant()) switch
        {
            null or "" or "incremental" => SyncRunKind.Incremental,
            "full" => SyncRunKind.Full,
            _ => (SyncRunKind?)null,
        };
        if (kind is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["Mode must be 'incremental' or 'full'."] });

        var connector = catalog.Find(connection.Provider)!;
        string[]? entities = null;
        if (request?.Entities is { Length: > 0 } requested)
        {
            var unknown = requested.Where(e => SyncConfigValidation.FindEntity(connector, e ?? "") is null).ToList();
            if (unknown.Count > 0)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["entities"] = [$"{connector.Name} has no entity {string.Join(", ", unknown.Select(u => $"'{u}'"))}. Known: {string.Join(", ", connector.Entities.Select(e => e.Canonical))}."],
                });
            entities = [.. requested.Select(e => SyncConfigValidation.FindEntity(connector, e)!.Canonical).Distinct()];
        }
        if (connection.Status != ConnectionStatus.Active)
            return TypedResults.Problem(title: "Connection not active", statusCode: StatusCodes.Status409Conflict,
                detail: $"The connection is {ConnectionStatusName(connection.Status)}; only active connections sync." + (connection.StatusReason is { } r ? " " + r : ""));

        SyncRun run;
        try
        {
            run = await scheduler.RequestRunAsync(new SyncRunRequest(connection.TenantId, id, kind.Value, SyncTrigger.Manual, entities), ct);
        }
        catch (SyncRequestException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["entities"] = [ex.Message] });
        }
        db.Audit(connection.TenantId, AuditActions.SyncRunRequested, http.Actor(), "sync_run", run.Id.ToString(), new { connectionId = id, kind = run.Kind.ToString(), run.Entities });
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null, new QueuedRunResponse(run.Id, id, run.Status.ToString().ToLowerInvariant(), run.Kind.ToString().ToLowerInvariant(),
            run.Trigger.ToString().ToLowerInvariant(), run.Entities, run.JobId, run.QueuedAt));
    }

    private static string ConnectionStatusName(ConnectionStatus status) => status == ConnectionStatus.NeedsReauth ? "needs_reauth" : status.ToString().ToLowerInvariant();
}
