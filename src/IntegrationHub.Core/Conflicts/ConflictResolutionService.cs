using System.Text.Json;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Conflicts;

/// <summary>
/// Applies a person's resolution: the chosen record becomes the host record (RecordStore, origin ConflictResolution)
/// and the link's base; the conflict is marked Resolved with who, when and why, and audited. The caller saves, and
/// requests a push when <see cref="ResolutionResult.ExternalMustChange"/> (bulk resolutions push once per connection).
/// </summary>
public sealed class ConflictResolutionService(HubDbContext db, RecordStore store, TimeProvider clock)
{
    public const string AuditAction = AuditActions.ConflictResolved;

    /// <summary>Loads an open conflict for update (row lock), so two people resolving it at once cannot both succeed.</summary>
    public Task<Conflict?> LockAsync(Guid id, CancellationToken ct) =>
        db.Conflicts.FromSql($"SELECT * FROM conflicts WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);

    public async Task<ResolutionResult> ResolveAsync(Conflict conflict, ResolutionRequest request, AuditActor actor, Guid? userId, CancellationToken ct)
    {
        if (conflict.Status != ConflictStatus.Open) throw new InvalidOperationException($"Conflict {conflict.Id} is already {conflict.Status}.");
        var result = ConflictResolution.Decide(conflict, request);
        var now = clock.GetUtcNow();
        await store.ApplyAsync(new RecordWrite(conflict.TenantId, null, conflict.Entity, conflict.HostId, result.Record, now),
            new ChangeSource(ChangeOrigin.ConflictResolution, conflict.SyncRunId), ct);

        var resolved = JsonDocument.Parse(result.Record.ToJsonString());
        var link = await db.RecordLinks.FirstOrDefaultAsync(l => l.ConnectionId == conflict.ConnectionId && l.Entity == conflict.Entity && l.HostId == conflict.HostId, ct);
        if (link is not null)
        {
            link.Base = resolved;
            if (!result.ExternalMustChange)
            {
                // The external system already holds the result: remember it as agreed, so the host write is not pushed back as a change.
                var hash = CanonicalJson.Hash(result.Record);
                link.LastPushedHash = hash;
                link.LastPulledHash = hash;
            }
        }
        conflict.Status = ConflictStatus.Resolved;
        conflict.Outcome = result.Outcome;
        conflict.Resolution = resolved;
        conflict.Reason = result.Reason;
        conflict.ResolvedAt = now;
        conflict.ResolvedByUserId = userId;
        db.Audit(conflict.TenantId, AuditAction, actor, "conflict", conflict.Id.ToString(), new
        {
            choose = request.Choose.ToString().ToLowerInvariant(), outcome = result.Outcome.ToString(), conflict.Entity, conflict.HostId,
            conflict.ConnectionId, paths = conflict.ConflictingPaths, pushRequired = result.ExternalMustChange,
        });
        return result;
    }
}
