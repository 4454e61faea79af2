using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Pushes host-side records of one entity that changed since they were last pushed or pulled. Each record commits
/// on its own (the provider write already happened), dependencies first, idempotently (link → update; no link →
/// find by reference, then create with a stable idempotency key), and the provider's answer is stored as the
/// external-side record so the next pull of the hub's own write hashes equal and is skipped (no echo, no loop).
/// </summary>
public sealed class OutboundPush(HubDbContext db, PushWriter writer, IOptions<SyncEngineOptions> options)
{
    public async Task RunAsync(RunState s, string entity, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var batchSize = options.Value.PushBatchSize;
        DateTimeOffset? afterCreated = null;
        var afterId = "";
        while (true)
        {
            // Keyset over (CreatedAt, host id); only records whose hash differs from what was last pushed, the ones
            // equal to the agreed base (pulled content) are filtered below.
            var query = db.Records.AsNoTracking().Where(r => r.ConnectionId == null && r.Entity == entity && r.DeletedAt == null);
            if (afterCreated is { } created)
                query = query.Where(r => r.CreatedAt > created || (r.CreatedAt == created && string.Compare(r.ExternalId, afterId) > 0));
            var batch = await (
                from r in query
                join l in db.RecordLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && l.Entity == entity)
                    on r.ExternalId equals l.HostId into linked
                from l in linked.DefaultIfEmpty()
                where l == null || l.LastPushedHash == null || l.LastPushedHash != r.Hash
                // A record with an open conflict waits for a person: pushing it would overwrite the remote side's change.
                where !db.Conflicts.Any(c => c.ConnectionId == connectionId && c.Entity == entity && c.HostId == r.ExternalId && c.Status == ConflictStatus.Open)
                orderby r.CreatedAt, r.ExternalId
                select new { r.ExternalId, r.CreatedAt, r.Hash, Linked = l != null, LastPushedHash = l == null ? null : l.LastPushedHash, Base = l == null ? null : l.Base })
                .Take(batchSize).ToListAsync(ct);
            foreach (var row in batch)
            {
                var baseHash = row.Base is null ? null : CanonicalJson.Hash(JsonDocs.ToObject(row.Base));
                if (PullDecision.NeedsPush(row.Hash, row.Linked, row.LastPushedHash, baseHash)) await writer.PushAsync(s, entity, row.ExternalId, [], ct);
            }
            if (batch.Count < batchSize) return;
            (afterCreated, afterId) = (batch[^1].CreatedAt, batch[^1].ExternalId);
        }
    }
}
