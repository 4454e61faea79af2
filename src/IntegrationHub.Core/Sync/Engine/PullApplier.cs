using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Applies one page of pulled records inside the page's unit of work: external-side records by hash, then, for the
/// records that changed, the host side as <see cref="PullDecision"/> says (create, update, conflict, tombstone), with
/// links, conflicts, failures and events; changed Payments then settle the invoices they pay (<see cref="PaymentFlow"/>). Nothing is saved here; the caller commits the page with its checkpoint.
/// Bulk path: existing records and links are loaded once per page; new records, versions, new links, record.* events
/// and the mark-and-sweep marks of unchanged records go into <see cref="BulkRecordRows"/>, which the page's commit
/// writes with binary COPY; only updates of existing rows, conflicts and failures go through the change tracker.
/// </summary>
public sealed class PullApplier(HubDbContext db, RecordStore store, ReferenceLookup references, PaymentFlow payments, BulkRecordRows bulk, TimeProvider clock)
{
    private sealed record Pulled(RemoteRecord Remote, JsonObject? Incoming);

    public async Task ApplyAsync(RunState s, string entity, IReadOnlyList<RemoteRecord> page, bool markSeen, CancellationToken ct)
    {
        if (page.Count == 0) return;
        var counts = s.Counts(entity);
        var inbound = s.Config(entity).Direction.HasFlag(SyncDirection.Inbound);
        var records = page.GroupBy(r => r.RemoteId, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        counts.Processed += records.Count;
        s.Run.Processed += records.Count;

        // Translate references first: a record that cannot be translated is not stored at all, so the next run retries it.
        var lookup = await references.ToHostAsync(s.Connection.Id, entity, records.Where(r => !r.Deleted).Select(r => r.Canonical), ct);
        var pulled = new List<Pulled>(records.Count);
        var failedIds = new List<string>();
        var mapping = await s.MappingAsync(entity, ct);
        foreach (var remote in records)
        {
            try
            {
                if (remote.Deleted || !inbound)
                {
                    pulled.Add(new Pulled(remote, null));
                    continue;
                }
                // The tenant's field mapping turns the provider's record (canonical + raw payload) into the host record.
                var incoming = remote.Canonical;
                if (mapping.Active)
                {
                    var failure = mapping.Error;
                    List<FieldError>? fields = null;
                    if (mapping.Compiled is not null)
                    {
                        var mapped = MappingEngine.Inbound(mapping.Compiled, remote.Canonical, remote.Raw);
                        if (mapped.Ok) incoming = mapped.Record;
                        else (failure, fields) = (RunMapping.Describe(mapped.Errors), RunMapping.Fields(mapped.Errors));
                    }
                    if (failure is not null)
                    {
                        Fail(s, entity, remote.RemoteId, failure, fields);
                        failedIds.Add(remote.RemoteId);
                        continue;
                    }
                }
                pulled.Add(new Pulled(remote, ReferenceMap.Translate(entity, incoming, lookup)));
            }
            catch (UnresolvedReferenceException e)
            {
                Fail(s, entity, remote.RemoteId, e.Message);
                failedIds.Add(remote.RemoteId);
            }
        }

        // With raw rules the stored record carries the mapped custom fields, so an edit of one of them alone is a change.
        var writes = pulled.Select(p => new RecordWrite(s.TenantId, s.Connection.Id, entity, p.Remote.RemoteId, mapping.ExternalData(p.Remote.Canonical, p.Remote.Raw),
            p.Remote.UpdatedAt.ToUniversalTime(), p.Remote.Raw, p.Remote.Deleted)).ToList();
        var changes = await store.ApplyAsync(writes, new ChangeSource(ChangeOrigin.Sync, s.Run.Id, mapping.Version), ct, bulk);
        var changed = new List<(Pulled Pulled, RecordChange Change)>();
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            // An unchanged row is marked by one set-based update at commit rather than one tracked update each.
            if (markSeen && change.Record.Id != Guid.Empty)
            {
                if (change.Kind is null) bulk.MarkSeen(change.Record.Id, s.Run.Id);
                else change.Record.LastSeenRunId = s.Run.Id;
            }
            switch (change.Kind)
            {
                case null: counts.Skipped++; continue;
                case ChangeKind.Created: counts.Created++; break;
                case ChangeKind.Deleted: counts.Deleted++; break;
                default: counts.Updated++; break;
            }
            changed.Add((pulled[i], change));
        }
        if (markSeen && failedIds.Count > 0) await MarkSeenAsync(s, entity, failedIds, ct);
        if (changed.Count > 0 && inbound) await ApplyToHostAsync(s, entity, changed, mapping, ct);
        if (changed.Count > 0 && inbound && entity == CanonicalEntities.Payment) await payments.ApplyAsync(s, [.. changed.Select(c => c.Change)], ct);
    }

    private async Task ApplyToHostAsync(RunState s, string entity, List<(Pulled Pulled, RecordChange Change)> changed, RunMapping mapping, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var remoteIds = changed.Select(c => c.Pulled.Remote.RemoteId).ToArray();
        var links = await db.RecordLinks
            .Where(l => l.ConnectionId == connectionId && l.Entity == entity && remoteIds.Contains(l.RemoteId))
            .ToDictionaryAsync(l => l.RemoteId, StringComparer.Ordinal, ct);
        var candidates = changed.SelectMany(c => new[] { SyncKeys.HostIdFromReference(c.Pulled.Remote.Reference), SyncKeys.ImportedHostId(connectionId, c.Pulled.Remote.RemoteId) })
            .Concat(links.Values.Select(l => l.HostId)).OfType<string>().Distinct().ToArray();
        var hosts = await db.Records
            .Where(r => r.ConnectionId == null && r.Entity == entity && candidates.Contains(r.ExternalId))
            .ToDictionaryAsync(r => r.ExternalId, StringComparer.Ordinal, ct);
        var linkedHostIds = (await db.RecordLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.Entity == entity && candidates.Contains(l.HostId))
            .Select(l => l.HostId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var hostWrites = new List<RecordWrite>();
        var now = clock.GetUtcNow();
        foreach (var (pulled, change) in changed)
        {
            var remote = pulled.Remote;
            links.TryGetValue(remote.RemoteId, out var link);
            var hostId = link?.HostId ?? ChooseHostId(connectionId, remote, hosts, linkedHostIds);
            hosts.TryGetValue(hostId, out var host);
            var incoming = pulled.Incoming;
            // Mapped: the host's own fields that no inbound rule writes stay (a pull never drops host data the provider does not hold).
            if (incoming is not null && mapping.Compiled is { } compiled && host is { DeletedAt: null })
                incoming = MappingEngine.KeepHostFields(compiled, JsonDocs.ToObject(host.Data), incoming);
            var incomingHash = incoming is null ? null : CanonicalJson.Hash(incoming);
            var baseObject = link?.Base is { } b ? JsonDocs.ToObject(b) : null;
            var action = PullDecision.Decide(new PullFacts(true, remote.Deleted, true, link is not null, host?.Hash, host?.DeletedAt is not null,
                baseObject is null ? null : CanonicalJson.Hash(baseObject), incomingHash, s.Config(entity).DeletePolicy));
            if (action is PullAction.Unchanged or PullAction.StoreOnly)
            {
                if (link is not null) MarkPulled(link, change.Record.Hash, now);
                continue;
            }
            if (link is null)
            {
                link = new RecordLink { TenantId = s.TenantId, ConnectionId = connectionId, Entity = entity, HostId = hostId, RemoteId = remote.RemoteId };
                bulk.Links.Add(link);
                links[remote.RemoteId] = link;
                linkedHostIds.Add(hostId);
            }
            switch (action)
            {
                case PullAction.CreateHost or PullAction.UpdateHost:
                    // The host record and the link's base are the same JSON: serialized once.
                    var text = incoming!.ToJsonString();
                    hostWrites.Add(new RecordWrite(s.TenantId, null, entity, hostId, incoming!, remote.UpdatedAt.ToUniversalTime(), Hash: incomingHash, Text: text));
                    link.Base = JsonDocument.Parse(text);
                    MarkPulled(link, change.Record.Hash, now);
                    break;
                case PullAction.InSync:
                    link.Base = JsonDocs.ToDocument(incoming!);
                    MarkPulled(link, change.Record.Hash, now);
                    break;
                case PullAction.DeleteHost:
                    hostWrites.Add(new RecordWrite(s.TenantId, null, entity, hostId, JsonDocs.ToObject(host!.Data), host.SourceUpdatedAt, Deleted: true));
                    MarkPulled(link, change.Record.Hash, now);
                    break;
                case PullAction.Conflict:
                    var result = await ResolveAsync(s, entity, link, host!, baseObject, incoming!, remote, now, ct);
                    if (result is not null)
                    {
                        if (CanonicalJson.Hash(result) != host!.Hash) hostWrites.Add(new RecordWrite(s.TenantId, null, entity, hostId, result, now));
                        // A result the remote does not hold yet keeps the remote's content as base, so the next push sends it.
                        link.Base = JsonDocs.ToDocument(CanonicalJson.Hash(result) == incomingHash ? result : incoming!);
                        MarkPulled(link, change.Record.Hash, now);
                    }
                    break;
            }
        }
        // Every host id written is one of the candidates, whose records are in hosts already.
        await store.ApplyAsync(hostWrites, new ChangeSource(ChangeOrigin.Sync, s.Run.Id, mapping.Version), ct, bulk, loaded: hosts);
    }

    /// <summary>Every decision is recorded: Manual opens a conflict (and returns null: nothing applied), the others are kept as auto-resolved.</summary>
    private async Task<JsonObject?> ResolveAsync(RunState s, string entity, RecordLink link, SyncRecord host, JsonObject? baseObject,
        JsonObject incoming, RemoteRecord remote, DateTimeOffset now, CancellationToken ct)
    {
        var hostObject = JsonDocs.ToObject(host.Data);
        var hostChangedAt = host.SourceUpdatedAt ?? host.UpdatedAt;
        var decision = ConflictResolver.Resolve(new ConflictInput(baseObject, hostObject, hostChangedAt, incoming, remote.UpdatedAt.ToUniversalTime()), s.ConflictSettings(entity));
        var policy = s.Config(entity).ConflictPolicy;
        if (decision.Outcome == ConflictOutcome.Manual)
        {
            // One open item per record pair: while it waits for a person, newer remote content is in the external-side record.
            var alreadyOpen = await db.Conflicts.AnyAsync(c => c.ConnectionId == link.ConnectionId && c.Entity == entity
                && c.HostId == link.HostId && c.Status == ConflictStatus.Open, ct);
            if (alreadyOpen) return null;
            var conflict = NewConflict(s, entity, link, baseObject, hostObject, hostChangedAt, incoming, remote, decision, policy);
            db.Conflicts.Add(conflict);
            db.Emit(s.TenantId, EventTypes.ConflictOpened, new
            {
                conflictId = conflict.Id, connectionId = link.ConnectionId, entity, hostId = link.HostId, remoteId = link.RemoteId,
                conflictingPaths = decision.ConflictingPaths, reason = decision.Reason, syncRunId = s.Run.Id,
            });
            s.Counts(entity).Conflicts++;
            return null;
        }
        var resolved = NewConflict(s, entity, link, baseObject, hostObject, hostChangedAt, incoming, remote, decision, policy);
        resolved.Status = ConflictStatus.AutoResolved;
        resolved.Outcome = decision.Outcome;
        resolved.Resolution = JsonDocs.ToDocument(decision.Result!);
        resolved.ResolvedAt = now;
        db.Conflicts.Add(resolved);
        s.Counts(entity).Conflicts++;
        return decision.Result;
    }

    private static Conflict NewConflict(RunState s, string entity, RecordLink link, JsonObject? baseObject, JsonObject host, DateTimeOffset hostChangedAt,
        JsonObject incoming, RemoteRecord remote, ConflictDecision decision, ConflictPolicy policy) => new()
    {
        TenantId = s.TenantId, ConnectionId = link.ConnectionId, Entity = entity, HostId = link.HostId, RemoteId = link.RemoteId,
        Base = baseObject is null ? null : JsonDocs.ToDocument(baseObject), Host = JsonDocs.ToDocument(host), External = JsonDocs.ToDocument(incoming),
        HostChangedAt = hostChangedAt, ExternalChangedAt = remote.UpdatedAt.ToUniversalTime(), ConflictingPaths = [.. decision.ConflictingPaths],
        Policy = policy, Reason = decision.Reason, SyncRunId = s.Run.Id,
    };

    /// <summary>A record the hub created carries its host id as reference; otherwise (or if that id is taken) the imported id.</summary>
    private static string ChooseHostId(Guid connectionId, RemoteRecord remote, Dictionary<string, SyncRecord> hosts, HashSet<string> linkedHostIds)
    {
        if (SyncKeys.HostIdFromReference(remote.Reference) is { } referenced && hosts.ContainsKey(referenced) && !linkedHostIds.Contains(referenced))
            return referenced;
        return SyncKeys.ImportedHostId(connectionId, remote.RemoteId);
    }

    private static void MarkPulled(RecordLink link, string externalHash, DateTimeOffset now)
    {
        link.LastPulledHash = externalHash;
        link.LastPulledAt = now;
    }

    private void Fail(RunState s, string entity, string remoteId, string message, List<FieldError>? fields = null)
    {
        db.RecordFailures.Add(new RecordFailure
        {
            TenantId = s.TenantId, SyncRunId = s.Run.Id, Entity = entity, RecordKey = remoteId, ErrorClass = ErrorClass.Validation,
            Message = message.Length > 4000 ? message[..4000] : message, Fields = fields ?? [],
        });
        s.Counts(entity).Failed++;
    }

    private async Task MarkSeenAsync(RunState s, string entity, List<string> remoteIds, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var rows = await db.Records.Where(r => r.ConnectionId == connectionId && r.Entity == entity && remoteIds.Contains(r.ExternalId)).ToListAsync(ct);
        foreach (var row in rows) row.LastSeenRunId = s.Run.Id;
    }
}
