using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>Pushes one host record (and, first, the unlinked records it refers to) and commits the outcome.</summary>
public sealed class PushWriter(HubDbContext db, RecordStore store, ReferenceLookup references, ProviderCalls calls, RunUnitOfWork unit, TimeProvider clock)
{
    /// <summary>The linked remote id, or null when the record failed (a RecordFailure row says why; the run goes on).</summary>
    public async Task<string?> PushAsync(RunState s, string entity, string hostId, IReadOnlyList<(string Entity, string HostId)> visiting, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var host = await db.Records.AsNoTracking().SingleOrDefaultAsync(r => r.ConnectionId == null && r.Entity == entity && r.ExternalId == hostId, ct);
        if (host is null || host.DeletedAt is not null)
            return await FailAsync(s, entity, hostId, null, ErrorClass.Validation, $"{entity} '{hostId}' does not exist on the host side.", null, ct);
        var data = JsonDocs.ToObject(host.Data);

        // The tenant's field mapping builds what goes out (canonical + provider fields); a field error fails this record only.
        var mapping = await s.MappingAsync(entity, ct);
        var canonical = data;
        JsonObject? rawPatch = null;
        if (mapping.Active)
        {
            if (mapping.Compiled is null) return await FailAsync(s, entity, hostId, null, ErrorClass.Validation, mapping.Error!, null, ct);
            var mapped = MappingEngine.Outbound(mapping.Compiled, data);
            if (!mapped.Ok)
                return await FailAsync(s, entity, hostId, null, ErrorClass.Validation, RunMapping.Describe(mapped.Errors), null, ct, RunMapping.Fields(mapped.Errors));
            canonical = mapped.Canonical;
            rawPatch = mapped.MappedRawPatch.IsEmpty ? null : mapped.RawPatch;
        }

        // Dependencies first: a referenced record without a link on this connection is pushed before this one.
        var linked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (refEntity, refHostId) in ReferenceMap.Collect(entity, data))
        {
            var remoteId = await references.RemoteIdAsync(connectionId, refEntity, refHostId, ct);
            if (remoteId is null && !visiting.Contains((refEntity, refHostId)))
                remoteId = await PushAsync(s, refEntity, refHostId, [.. visiting, (entity, hostId)], ct);
            if (remoteId is null)
                return await FailAsync(s, entity, hostId, null, ErrorClass.Validation,
                    $"{entity} '{hostId}' refers to {refEntity} '{refHostId}', which could not be pushed.", null, ct);
            linked[refHostId] = remoteId;
        }
        var outbound = new OutboundRecord(hostId, ReferenceMap.Translate(entity, canonical, (_, id) => linked.GetValueOrDefault(id)), linked, rawPatch);

        var link = await db.RecordLinks.SingleOrDefaultAsync(l => l.ConnectionId == connectionId && l.Entity == entity && l.HostId == hostId, ct);
        var counts = s.Counts(entity);
        if (link is not null && !s.Config(entity).AllowPostedUpdates && await RemoteIsPostedAsync(s, entity, link.RemoteId, ct))
        {
            link.LastError = $"Not updated: the {entity} is posted at the provider and the entity's AllowPostedUpdates is off.";
            counts.Processed++;
            counts.Skipped++;
            s.Run.Processed++;
            await unit.CommitAsync(s.Run, null, ct);
            return link.RemoteId;
        }

        // The same host content mapped to another output (canonical or raw patch) is another write: a replayed key would return the old one.
        var key = SyncKeys.Idempotency(connectionId, entity, hostId, mapping.Active ? $"{host.Hash}:{OutboundHash(outbound)}" : host.Hash);
        RemoteRecord result;
        bool created;
        try
        {
            (result, created) = link is not null
                ? (await UpdateAsync(s, entity, outbound, await GetAsync(s, entity, link.RemoteId, ct), key, ct), false)
                : await CreateAsync(s, entity, outbound, key, ct);
        }
        catch (ConnectorException e) when (e.Class is ErrorClass.Validation or ErrorClass.Duplicate or ErrorClass.Stale || e is RemoteGoneException)
        {
            return await FailAsync(s, entity, hostId, link, e.Class, e.Message, e.ProviderCode, ct);
        }

        // The provider's answer, mapped as a pull maps it, becomes the external-side record: the echo of this write hashes equal.
        // With raw rules it carries the custom fields the provider now holds: a raw-only change is a new version noting the mapping version.
        var external = await store.ApplyAsync(new RecordWrite(s.TenantId, connectionId, entity, result.RemoteId, mapping.ExternalData(result.Canonical, result.Raw),
            result.UpdatedAt.ToUniversalTime(), result.Raw, result.Deleted), new ChangeSource(ChangeOrigin.Push, s.Run.Id, mapping.Version), ct);
        var now = clock.GetUtcNow();
        if (link is null)
        {
            link = new RecordLink { TenantId = s.TenantId, ConnectionId = connectionId, Entity = entity, HostId = hostId, RemoteId = result.RemoteId };
            db.RecordLinks.Add(link);
        }
        link.LastPushedHash = host.Hash;
        link.LastPushedAt = now;
        link.LastPulledHash = external.Record.Hash;
        link.LastPulledAt = now;
        link.Base = JsonDocs.ToDocument(data);
        link.LastError = null;
        counts.Processed++;
        if (created) counts.Created++; else counts.Updated++;
        s.Run.Processed++;
        await unit.CommitAsync(s.Run, null, ct);
        return result.RemoteId;
    }

    /// <summary>What the mapping sends: the canonical record and the raw patch together, so a change to either alone is another write.</summary>
    private static string OutboundHash(OutboundRecord outbound) => CanonicalJson.Hash(new JsonObject
    {
        ["canonical"] = outbound.Canonical.DeepClone(),
        ["raw"] = outbound.RawPatch?.DeepClone(),
    });

    /// <summary>No link: a record the hub created earlier is found by its reference; else create (a duplicate links to the existing one).</summary>
    private async Task<(RemoteRecord, bool Created)> CreateAsync(RunState s, string entity, OutboundRecord outbound, string key, CancellationToken ct)
    {
        var reference = ConnectorContext.Reference(outbound.HostId);
        var found = await calls.RunAsync(s.Run, $"{s.Connector.Key} find {entity}", () => s.Connector.FindByReferenceAsync(s.Context, entity, reference, ct), ct);
        if (found is not null) return (await UpdateAsync(s, entity, outbound, found, key, ct), false);
        try
        {
            return (await calls.RunAsync(s.Run, $"{s.Connector.Key} create {entity}", () => s.Connector.CreateAsync(s.Context, entity, outbound, key, ct), ct), true);
        }
        catch (ConnectorException e) when (e.Class == ErrorClass.Duplicate && e.ExistingRemoteId is { } existing)
        {
            var connectionId = s.Connection.Id;
            var owner = await db.RecordLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && l.Entity == entity && l.RemoteId == existing)
                .Select(l => l.HostId).SingleOrDefaultAsync(ct);
            if (owner is not null)
                throw new ConnectorException(ErrorClass.Duplicate, $"{e.Message} The existing {entity} '{existing}' is already linked to host record '{owner}'.", e) { ProviderCode = e.ProviderCode };
            return (await UpdateAsync(s, entity, outbound, await GetAsync(s, entity, existing, ct), key, ct), false);
        }
    }

    /// <summary>Updates against the provider's current version; a stale version is re-read and tried once more.</summary>
    private async Task<RemoteRecord> UpdateAsync(RunState s, string entity, OutboundRecord outbound, RemoteRecord current, string key, CancellationToken ct)
    {
        try
        {
            return await calls.RunAsync(s.Run, $"{s.Connector.Key} update {entity}", () => s.Connector.UpdateAsync(s.Context, entity, outbound, current, key, ct), ct);
        }
        catch (ConnectorException e) when (e.Class == ErrorClass.Stale)
        {
            var fresh = await GetAsync(s, entity, current.RemoteId, ct);
            // A new key: providers that replay by key would otherwise answer with the stale failure again.
            return await calls.RunAsync(s.Run, $"{s.Connector.Key} update {entity}", () => s.Connector.UpdateAsync(s.Context, entity, outbound, fresh, key + "-r", ct), ct);
        }
    }

    private async Task<RemoteRecord> GetAsync(RunState s, string entity, string remoteId, CancellationToken ct) =>
        await calls.RunAsync(s.Run, $"{s.Connector.Key} get {entity}", () => s.Connector.GetAsync(s.Context, entity, remoteId, ct), ct)
        ?? throw new RemoteGoneException(entity, remoteId);

    private async Task<bool> RemoteIsPostedAsync(RunState s, string entity, string remoteId, CancellationToken ct)
    {
        if (entity is not (CanonicalEntities.Invoice or CanonicalEntities.CreditNote)) return false;
        var connectionId = s.Connection.Id;
        var remote = await db.Records.AsNoTracking().Where(r => r.ConnectionId == connectionId && r.Entity == entity && r.ExternalId == remoteId)
            .Select(r => r.Data).SingleOrDefaultAsync(ct);
        return remote is not null && PullDecision.IsPosted(entity, JsonDocs.ToObject(remote));
    }

    private async Task<string?> FailAsync(RunState s, string entity, string hostId, RecordLink? link, ErrorClass errorClass, string message, string? providerCode, CancellationToken ct,
        List<FieldError>? fields = null)
    {
        var text = message.Length > 2000 ? message[..2000] : message;
        if (link is not null) link.LastError = text;
        db.RecordFailures.Add(new RecordFailure
        {
            TenantId = s.TenantId, SyncRunId = s.Run.Id, Entity = entity, RecordKey = hostId, ErrorClass = errorClass, Message = text, ProviderCode = providerCode,
            Fields = fields ?? [],
        });
        var counts = s.Counts(entity);
        counts.Processed++;
        counts.Failed++;
        s.Run.Processed++;
        await unit.CommitAsync(s.Run, null, ct);
        return null;
    }
}

/// <summary>The linked provider record is gone (deleted at the provider): this record fails, the run goes on.</summary>
public sealed class RemoteGoneException(string entity, string remoteId)
    : ConnectorException(ErrorClass.Permanent, $"The linked {entity} '{remoteId}' no longer exists at the provider.");
