using Hangfire;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// The body of a sync schedule: requests an incremental run of one entity. A schedule whose config or connection is
/// gone or disabled removes itself; a connection that is only temporarily unusable (needs_reauth, error) is skipped.
/// </summary>
public sealed class ScheduledSyncJob(TenantContext tenant, HubDbContext db, ISyncScheduler scheduler, SyncSchedules schedules, ILogger<ScheduledSyncJob> logger)
{
    [JobDisplayName("Scheduled sync of {2} on {1}")]
    public async Task RunAsync(Guid tenantId, Guid connectionId, string entity, CancellationToken ct)
    {
        tenant.Enter(tenantId);
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == connectionId, ct);
        var config = await db.SyncConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.ConnectionId == connectionId && c.Entity == entity, ct);
        if (connection is null || connection.Status == ConnectionStatus.Disabled || config is not { Enabled: true })
        {
            schedules.Remove(connectionId, entity);
            logger.LogInformation("Removed the schedule of {Entity} on connection {ConnectionId}: it is no longer enabled", entity, connectionId);
            return;
        }
        if (connection.Status != ConnectionStatus.Active)
        {
            logger.LogInformation("Skipped the scheduled sync of {Entity} on connection {ConnectionId}: the connection is {Status}", entity, connectionId, connection.Status);
            return;
        }
        // A run of this entity still waiting in the queue covers this tick too; do not pile up a backlog.
        if (await db.SyncRuns.AnyAsync(r => r.ConnectionId == connectionId && r.Status == SyncRunStatus.Queued && r.Entities.Contains(entity), ct)) return;
        await scheduler.RequestRunAsync(new SyncRunRequest(tenantId, connectionId, SyncRunKind.Incremental, SyncTrigger.Schedule, [entity]), ct);
    }
}
