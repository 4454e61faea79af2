using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Mark-and-sweep after a complete full pass: live external-side records the pass did not see were deleted at the
/// provider. Above the entity's threshold they are quarantined for review instead (a permission change or a provider
/// bug can make everything "disappear"); otherwise they become tombstones (history kept) and the delete policy
/// decides what happens to the linked host records. The caller commits.
/// </summary>
public sealed class DeleteSweep(HubDbContext db, RecordStore store)
{
    public async Task SweepAsync(RunState s, string entity, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var runId = s.Run.Id;
        var live = db.Records.Where(r => r.ConnectionId == connectionId && r.Entity == entity && r.DeletedAt == null);
        var total = await live.CountAsync(ct);
        var unseen = await live.Where(r => r.LastSeenRunId == null || r.LastSeenRunId != runId).ToListAsync(ct);
        if (unseen.Count == 0) return;

        var config = s.Config(entity);
        if (unseen.Count * 100m > total * config.DeleteThresholdPercent)
        {
            db.DeleteQuarantines.Add(new DeleteQuarantine
            {
                TenantId = s.TenantId, ConnectionId = connectionId, SyncRunId = runId, Entity = entity,
                RecordIds = [.. unseen.Select(r => r.Id)], EntityTotal = total,
            });
            return;
        }

        var source = new ChangeSource(ChangeOrigin.Sync, runId);
        await store.ApplyAsync(unseen.Select(r => new RecordWrite(s.TenantId, connectionId, entity, r.ExternalId,
            JsonDocs.ToObject(r.Data), r.SourceUpdatedAt, Deleted: true)).ToList(), source, ct);
        s.Counts(entity).Deleted += unseen.Count;
        if (config.DeletePolicy != DeletePolicy.Propagate || !config.Direction.HasFlag(SyncDirection.Inbound)) return;

        var remoteIds = unseen.Select(r => r.ExternalId).ToArray();
        var hostIds = await db.RecordLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.Entity == entity && remoteIds.Contains(l.RemoteId))
            .Select(l => l.HostId).ToListAsync(ct);
        var hosts = await db.Records.Where(r => r.ConnectionId == null && r.Entity == entity && r.DeletedAt == null && hostIds.Contains(r.ExternalId)).ToListAsync(ct);
        await store.ApplyAsync(hosts.Select(h => new RecordWrite(s.TenantId, null, entity, h.ExternalId,
            JsonDocs.ToObject(h.Data), h.SourceUpdatedAt, Deleted: true)).ToList(), source, ct);
    }
}
