using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Mapping;

/// <summary>
/// Saving (or restoring) rules: compile, find the linked records whose pushed output changes, then in one transaction
/// add the version, move the active flag, audit, and clear the last-pushed hash of exactly those links; finally queue
/// one push run for the entity, only when something changed, so only the affected records are re-sent.
/// </summary>
internal static class MappingVersions
{
    private const int ListedHostIds = 100;

    public static async Task<IResult> SaveAsync(Connection connection, ConnectorMetadata connector, string entity, List<MappingRule> rules, int? restoredFrom,
        HttpContext http, HubDbContext db, MappingService mappings, CancellationToken ct)
    {
        var mapping = await mappings.LoadAsync(connection, connector, entity, ct);
        var (after, errors) = MappingCompiler.Compile(mapping.EffectiveWith(rules), mapping.Context);
        if (after is null) return MappingEndpoints.RuleProblem(MappingEndpoints.Reindex(errors, mapping, rules));
        var (before, _) = MappingCompiler.Compile(mapping.Effective, mapping.Context);
        var affected = await mappings.FindAffectedAsync(connection.Id, entity, before, after, ct);

        var actor = http.Actor();
        // The retrying execution strategy owns the transaction: one retriable unit (version, active flag, audit, link marks).
        var strategy = db.Database.CreateExecutionStrategy();
        var version = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var existing = await db.FieldMappings.Where(m => m.ConnectionId == connection.Id && m.Entity == entity).ToListAsync(ct);
            foreach (var m in existing.Where(m => m.IsActive)) m.IsActive = false;
            await db.SaveChangesAsync(ct);
            var next = existing.Count == 0 ? 1 : existing.Max(m => m.Version) + 1;
            db.FieldMappings.Add(new FieldMapping
            {
                ConnectionId = connection.Id, Entity = entity, Version = next, Rules = MappingJson.ToDocument(rules),
                CreatedBy = actor.Name ?? actor.Id ?? actor.Type, IsActive = true, RestoredFromVersion = restoredFrom,
            });
            db.Audit(connection.TenantId, restoredFrom is null ? AuditActions.MappingSaved : AuditActions.MappingRolledBack, actor, "field_mapping",
                $"{connection.Id}/{entity}", new { entity, version = next, restoredFrom, rules = rules.Count, affectedRecords = affected.HostIds.Count });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { return (int?)null; }
            foreach (var chunk in affected.LinkIds.Chunk(1_000))
                // The agreed base goes too: a host record equal to its base counts as in sync and would not be pushed.
                await db.RecordLinks.Where(l => chunk.Contains(l.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.LastPushedHash, (string?)null).SetProperty(l => l.Base, (System.Text.Json.JsonDocument?)null), ct);
            await tx.CommitAsync(ct);
            return next;
        });
        if (version is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Mapping changed concurrently",
                detail: "Another change to this mapping was saved at the same time; reload it and save again.");

        Guid? runId = null;
        // The marks are committed either way: without a scheduler in this process the next push run re-sends exactly those records.
        var scheduler = http.RequestServices.GetService<ISyncScheduler>();
        if (affected.HostIds.Count > 0 && scheduler is not null)
            runId = (await scheduler.RequestRunAsync(new SyncRunRequest(connection.TenantId, connection.Id, SyncRunKind.Push, SyncTrigger.Manual, [entity]), ct)).Id;
        var message = affected.HostIds.Count == 0
            ? $"Version {version} saved. None of the {affected.Checked} synced {entity} records changes its mapped output; nothing is re-synced."
            : $"Version {version} saved. {affected.HostIds.Count} of {affected.Checked} synced {entity} records change their mapped output; " +
              (runId is null ? "the next push run re-sends only those." : "a push run was queued to re-send only those.");
        return TypedResults.Ok(new MappingEndpoints.SaveResponse(version.Value, affected.Checked, affected.HostIds.Count,
            affected.HostIds.Take(ListedHostIds).ToList(), runId, message));
    }
}
