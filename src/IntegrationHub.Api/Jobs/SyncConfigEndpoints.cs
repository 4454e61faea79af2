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

/// <summary>Per connection and entity: direction, schedule and policies. Saving a config applies its schedule at once.</summary>
public static class SyncConfigEndpoints
{
    public sealed record SyncConfigResponse(string Entity, bool Enabled, string Direction, int IntervalMinutes, string? Cron, string? Schedule,
        DateTime? NextRunAt, string ConflictPolicy, string MergeFallback, Dictionary<string, string> FieldPolicies, string DeletePolicy,
        decimal DeleteThresholdPercent, int LookbackMinutes, bool AllowPostedUpdates, DateTimeOffset UpdatedAt);

    public static RouteGroupBuilder MapSyncConfigEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections/{id:guid}/sync-configs").WithTags("Sync");
        group.MapGet("/", List).WithName("ListSyncConfigs").RequireAuthorization(TenantAccess.Read);
        group.MapPut("/{entity}", Put).WithName("PutSyncConfig").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("Creates or replaces the config of one entity (omitted fields take their defaults) and applies its schedule.");
        group.MapDelete("/{entity}", Delete).WithName("DeleteSyncConfig").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static SyncConfigResponse ToResponse(SyncConfig c, IReadOnlyDictionary<string, DateTime?> nextRuns) =>
        new(c.Entity, c.Enabled, SyncConfigValidation.DirectionName(c.Direction), c.IntervalMinutes, c.Cron, c.Enabled ? ScheduleCron.For(c).Cron : null,
            nextRuns.GetValueOrDefault(SyncSchedules.JobId(c.ConnectionId, c.Entity)), Camel(c.ConflictPolicy.ToString()), Camel(c.MergeFallback.ToString()),
            c.FieldPolicies.ToDictionary(p => p.Key, p => Camel(p.Value.ToString())), Camel(c.DeletePolicy.ToString()), c.DeleteThresholdPercent,
            c.LookbackMinutes, c.AllowPostedUpdates, c.UpdatedAt);

    private static IReadOnlyDictionary<string, DateTime?> NextRuns(SyncSchedules schedules, Guid connectionId) =>
        schedules.ForConnection(connectionId).ToDictionary(j => j.Id, j => j.NextExecution);

    private static async Task<Results<Ok<List<SyncConfigResponse>>, NotFound>> List(Guid id, HubDbContext db, SyncSchedules schedules, CancellationToken ct)
    {
        if (!await db.Connections.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var configs = await db.SyncConfigs.AsNoTracking().Where(c => c.ConnectionId == id).OrderBy(c => c.Entity).ToListAsync(ct);
        var next = NextRuns(schedules, id);
        return TypedResults.Ok(configs.Select(c => ToResponse(c, next)).ToList());
    }

    private static async Task<Results<Ok<SyncConfigResponse>, NotFound, ValidationProblem>> Put(Guid id, string entity, SyncConfigRequest request,
        HttpContext http, HubDbContext db, ConnectorCatalog catalog, SyncSchedules schedules, TimeProvider clock, CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (connection is null) return TypedResults.NotFound();
        var connector = catalog.Find(connection.Provider)!;
        if (SyncConfigValidation.FindEntity(connector, entity) is not { } metadata)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["entity"] = [$"{connector.Name} has no entity '{entity}'. Known: {string.Join(", ", connector.Entities.Select(e => e.Canonical))}."],
            });
        var (valid, errors) = SyncConfigValidation.Validate(request, metadata, id);
        if (valid is null) return TypedResults.ValidationProblem(errors);

        var config = await db.SyncConfigs.FirstOrDefaultAsync(c => c.ConnectionId == id && c.Entity == metadata.Canonical, ct);
        if (config is null)
        {
            config = new SyncConfig { ConnectionId = id, Entity = metadata.Canonical };
            db.SyncConfigs.Add(config);
        }
        config.Enabled = valid.Enabled;
        config.Direction = valid.Direction;
        config.IntervalMinutes = valid.IntervalMinutes;
        config.Cron = valid.Cron;
        config.ConflictPolicy = valid.ConflictPolicy;
        config.MergeFallback = valid.MergeFallback;
        config.FieldPolicies = valid.FieldPolicies;
        config.DeletePolicy = valid.DeletePolicy;
        config.DeleteThresholdPercent = valid.DeleteThresholdPercent;
        config.LookbackMinutes = valid.LookbackMinutes;
        config.AllowPostedUpdates = valid.AllowPostedUpdates;
        config.UpdatedAt = clock.GetUtcNow();
        db.Audit(connection.TenantId, AuditActions.SyncConfigUpdated, http.Actor(), "sync_config", $"{id}:{config.Entity}", new
        {
            connectionId = id, config.Entity, config.Enabled, direction = SyncConfigValidation.DirectionName(config.Direction), config.IntervalMinutes, config.Cron,
        });
        await db.SaveChangesAsync(ct);

        // A disconnected connection keeps its configs but runs nothing; its schedules return when it is configured again after reconnecting.
        if (connection.Status == ConnectionStatus.Disabled) schedules.Remove(id, config.Entity);
        else schedules.Apply(config);
        return TypedResults.Ok(ToResponse(config, NextRuns(schedules, id)));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, string entity, HttpContext http, HubDbContext db, SyncSchedules schedules, CancellationToken ct)
    {
        var config = await db.SyncConfigs.FirstOrDefaultAsync(c => c.ConnectionId == id && c.Entity == entity, ct);
        if (config is null) return TypedResults.NotFound();
        db.SyncConfigs.Remove(config);
        db.Audit(config.TenantId, AuditActions.SyncConfigDeleted, http.Actor(), "sync_config", $"{id}:{config.Entity}", new { connectionId = id, config.Entity });
        await db.SaveChangesAsync(ct);
        schedules.Remove(id, config.Entity);
        return TypedResults.NoContent();
    }
}
