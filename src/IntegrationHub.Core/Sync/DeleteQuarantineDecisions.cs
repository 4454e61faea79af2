using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync;

/// <summary>
/// A person's decision on quarantined deletions: approve tombstones the external records through the RecordStore
/// (versions and record.deleted events as for any deletion); reject leaves them. Both are audited; the caller saves.
/// </summary>
public sealed class DeleteQuarantineDecisions(HubDbContext db, RecordStore store, TimeProvider clock)
{
    public const string ApprovedAction = AuditActions.DeleteQuarantineApproved;
    public const string RejectedAction = AuditActions.DeleteQuarantineRejected;

    /// <summary>Loads a quarantine for update (row lock), so two decisions cannot both apply.</summary>
    public Task<DeleteQuarantine?> LockAsync(Guid id, CancellationToken ct) =>
        db.DeleteQuarantines.FromSql($"SELECT * FROM delete_quarantines WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);

    /// <summary>Tombstones the quarantined records still alive; returns how many were deleted now.</summary>
    public async Task<int> ApproveAsync(DeleteQuarantine quarantine, AuditActor actor, Guid? userId, CancellationToken ct)
    {
        EnsurePending(quarantine);
        var records = await db.Records
            .Where(r => quarantine.RecordIds.Contains(r.Id) && r.ConnectionId == quarantine.ConnectionId && r.Entity == quarantine.Entity && r.DeletedAt == null)
            .OrderBy(r => r.Id).ToListAsync(ct);
        var writes = records.Select(r => new RecordWrite(r.TenantId, r.ConnectionId, r.Entity, r.ExternalId,
            JsonNode.Parse(r.Data.RootElement.GetRawText()) as JsonObject ?? [], Deleted: true)).ToList();
        var changes = writes.Count == 0 ? [] : await store.ApplyAsync(writes, new ChangeSource(ChangeOrigin.Api, quarantine.SyncRunId), ct);
        Decide(quarantine, QuarantineStatus.Approved, userId);
        db.Audit(quarantine.TenantId, ApprovedAction, actor, "delete_quarantine", quarantine.Id.ToString(),
            new { quarantine.ConnectionId, quarantine.Entity, quarantine.SyncRunId, records = quarantine.RecordIds.Length, deleted = changes.Count(c => c.Kind is not null) });
        return changes.Count(c => c.Kind is not null);
    }

    public void Reject(DeleteQuarantine quarantine, AuditActor actor, Guid? userId)
    {
        EnsurePending(quarantine);
        Decide(quarantine, QuarantineStatus.Rejected, userId);
        db.Audit(quarantine.TenantId, RejectedAction, actor, "delete_quarantine", quarantine.Id.ToString(),
            new { quarantine.ConnectionId, quarantine.Entity, quarantine.SyncRunId, records = quarantine.RecordIds.Length });
    }

    private void Decide(DeleteQuarantine quarantine, QuarantineStatus status, Guid? userId)
    {
        quarantine.Status = status;
        quarantine.DecidedAt = clock.GetUtcNow();
        quarantine.DecidedByUserId = userId;
    }

    private static void EnsurePending(DeleteQuarantine quarantine)
    {
        if (quarantine.Status != QuarantineStatus.Pending) throw new InvalidOperationException($"Quarantine {quarantine.Id} is already {quarantine.Status}.");
    }
}
