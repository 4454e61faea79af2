using System.Text.Json.Nodes;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Records;

/// <summary>
/// Takes a host-app record (from a host event or the records API) into the host side of the record store, and asks
/// for a push to every connection that sends that entity out. The caller's tenant context must be the record's tenant.
/// </summary>
public sealed class HostRecordIntake(HubDbContext db, RecordStore store, ISyncScheduler scheduler, TimeProvider clock)
{
    /// <summary>Writes (or tombstones) the host record in the caller's unit of work; the caller saves.</summary>
    public Task<RecordChange> WriteAsync(Guid tenantId, string entity, string hostId, JsonObject data, ChangeOrigin origin, bool deleted, CancellationToken ct) =>
        store.ApplyAsync(new RecordWrite(tenantId, null, entity, hostId, data, clock.GetUtcNow(), Deleted: deleted), new ChangeSource(origin), ct);

    /// <summary>Requests a push run for each Active connection of the tenant whose config for the entity is enabled and outbound.</summary>
    public async Task<IReadOnlyList<Guid>> RequestPushesAsync(Guid tenantId, string entity, SyncTrigger trigger, CancellationToken ct)
    {
        var connectionIds = await db.SyncConfigs
            .Where(c => c.TenantId == tenantId && c.Entity == entity && c.Enabled
                && (c.Direction == SyncDirection.Outbound || c.Direction == SyncDirection.Both))
            .Join(db.Connections.Where(c => c.Status == ConnectionStatus.Active), c => c.ConnectionId, c => c.Id, (config, connection) => connection.Id)
            .Distinct().OrderBy(id => id).ToListAsync(ct);
        var runs = new List<Guid>(connectionIds.Count);
        foreach (var connectionId in connectionIds)
        {
            var run = await scheduler.RequestRunAsync(new SyncRunRequest(tenantId, connectionId, SyncRunKind.Push, trigger, [entity]), ct);
            runs.Add(run.Id);
        }
        return runs;
    }
}
