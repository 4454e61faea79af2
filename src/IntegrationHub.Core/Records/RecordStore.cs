using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Records;

/// <summary>
/// A record as one side reports it now. Deleted = the side reports it deleted (a tombstone is written). Hash, when the
/// caller already computed <see cref="CanonicalJson.Hash"/> of Data, and Text, when it already serialized Data, save
/// doing it again.
/// </summary>
public sealed record RecordWrite(
    Guid TenantId, Guid? ConnectionId, string Entity, string ExternalId, JsonObject Data,
    DateTimeOffset? SourceUpdatedAt = null, JsonObject? Raw = null, bool Deleted = false, string? Hash = null, string? Text = null)
{
    public RecordSide Side => ConnectionId is null ? RecordSide.Host : RecordSide.External;
}

/// <summary>
/// What a write did: <see cref="Kind"/> null means the content hash was unchanged and nothing was written. The diff of a
/// created record (every top-level field, old null) is only built if someone asks for it.
/// </summary>
public sealed class RecordChange(SyncRecord record, ChangeKind? kind, Func<IReadOnlyList<FieldChange>> diff)
{
    private IReadOnlyList<FieldChange>? _diff;

    public RecordChange(SyncRecord record, ChangeKind? kind, IReadOnlyList<FieldChange> diff) : this(record, kind, () => diff) { }

    public SyncRecord Record { get; } = record;
    public ChangeKind? Kind { get; } = kind;
    public IReadOnlyList<FieldChange> Diff => _diff ??= diff();
}

/// <summary>Who made a change, for the version row.</summary>
public sealed record ChangeSource(ChangeOrigin Origin, Guid? SyncRunId = null, int? MappingVersion = null);

/// <summary>
/// Writes records by hash: an unchanged hash writes nothing and emits nothing; a change writes the record, a version
/// with the snapshot and the field diff, and a record.* event into the outbox, all in the caller's unit of work
/// (the caller's SaveChanges commits records, versions, events and its checkpoint together).
/// </summary>
public sealed class RecordStore(HubDbContext db, TimeProvider clock)
{
    /// <summary>
    /// With <paramref name="bulk"/> the new records, every version and every event go into that buffer (written by
    /// binary COPY when the caller's unit of work commits) instead of the change tracker; updates of existing
    /// records stay tracked. Same rows, same content either way. <paramref name="loaded"/>: the stored records of the
    /// writes' side, connection and entity, tracked by this context and keyed by external id, when the caller has already
    /// loaded them (a key it does not hold has no record); they are not read again.
    /// </summary>
    public async Task<IReadOnlyList<RecordChange>> ApplyAsync(IReadOnlyList<RecordWrite> writes, ChangeSource source, CancellationToken ct,
        BulkRecordRows? bulk = null, Dictionary<string, SyncRecord>? loaded = null)
    {
        if (writes.Count == 0) return [];
        var existing = loaded ?? await LoadAsync(writes, ct);
        var changes = new List<RecordChange>(writes.Count);
        foreach (var write in writes)
        {
            existing.TryGetValue(write.ExternalId, out var record);
            var change = Apply(record, write, source, bulk);
            if (change.Record.Id != Guid.Empty) existing[write.ExternalId] = change.Record;
            changes.Add(change);
        }
        return changes;
    }

    public async Task<RecordChange> ApplyAsync(RecordWrite write, ChangeSource source, CancellationToken ct) =>
        (await ApplyAsync([write], source, ct, null))[0];

    private async Task<Dictionary<string, SyncRecord>> LoadAsync(IReadOnlyList<RecordWrite> writes, CancellationToken ct)
    {
        var first = writes[0];
        if (writes.Any(w => w.TenantId != first.TenantId || w.ConnectionId != first.ConnectionId || w.Entity != first.Entity))
            throw new ArgumentException("A batch of record writes must share tenant, connection and entity.", nameof(writes));
        var ids = writes.Select(w => w.ExternalId).Distinct().ToArray();
        var rows = await db.Records.IgnoreQueryFilters()
            .Where(r => r.TenantId == first.TenantId && r.ConnectionId == first.ConnectionId && r.Entity == first.Entity && ids.Contains(r.ExternalId))
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.ExternalId, StringComparer.Ordinal);
    }

    private RecordChange Apply(SyncRecord? record, RecordWrite write, ChangeSource source, BulkRecordRows? bulk)
    {
        var now = clock.GetUtcNow();
        var hash = write.Hash ?? CanonicalJson.Hash(write.Data);
        if (record is not null && record.Hash == hash && (record.DeletedAt is not null) == write.Deleted)
            return new RecordChange(record, null, []);
        if (record is null && write.Deleted)
            return new RecordChange(new SyncRecord { Id = Guid.Empty, TenantId = write.TenantId, Entity = write.Entity, ExternalId = write.ExternalId, Data = ToDocument(write.Data), Hash = hash }, null, []);

        var before = record is null ? null : JsonNode.Parse(record.Data.RootElement.GetRawText());
        var kind = record is null ? ChangeKind.Created
            : write.Deleted ? ChangeKind.Deleted
            : record.DeletedAt is not null ? ChangeKind.Restored
            : ChangeKind.Updated;
        // A created record's diff is derived from its snapshot when read (RecordVersion.Diff); only its paths are needed now.
        var diff = kind == ChangeKind.Created ? null : RecordDiff.Compute(before, write.Data);
        var changedFields = diff is null ? RecordDiff.CreatedPaths(write.Data) : [.. diff.Select(d => d.Path)];
        var data = write.Text ?? write.Data.ToJsonString();
        var raw = write.Raw?.ToJsonString();
        var buffered = record is null && bulk is not null;
        if (record is null)
        {
            record = new SyncRecord
            {
                TenantId = write.TenantId, Side = write.Side, ConnectionId = write.ConnectionId, Entity = write.Entity,
                ExternalId = write.ExternalId, Data = JsonDocument.Parse(data), Hash = hash, CreatedAt = now, UpdatedAt = now,
            };
            // Buffered records keep their raw payload in the row only: nothing reads it back within the page.
            if (bulk is null) db.Records.Add(record);
            else bulk.Records.Add(new NewRecordRow(record, data, raw));
        }
        else
        {
            record.Data = JsonDocument.Parse(data);
            record.Hash = hash;
            record.Version++;
            record.UpdatedAt = now;
        }
        record.SourceUpdatedAt = write.SourceUpdatedAt ?? record.SourceUpdatedAt;
        if (raw is not null && !buffered) record.Raw = JsonDocument.Parse(raw);
        record.DeletedAt = write.Deleted ? now : null;

        var payload = new RecordEventPayload(record.Id, write.Side.ToString().ToLowerInvariant(), write.ConnectionId, write.Entity, write.ExternalId,
            record.Version, hash, changedFields, source.SyncRunId);
        if (bulk is null)
        {
            db.RecordVersions.Add(new RecordVersion
            {
                TenantId = write.TenantId, RecordId = record.Id, Version = record.Version, Kind = kind, Origin = source.Origin,
                Snapshot = JsonDocument.Parse(data), StoredDiff = diff is null ? null : JsonSerializer.SerializeToDocument(diff, JsonSerializerOptions.Web),
                Hash = hash, SyncRunId = source.SyncRunId, MappingVersion = source.MappingVersion, CreatedAt = now,
            });
            db.Emit(write.TenantId, EventType(kind), payload);
        }
        else
        {
            bulk.Versions.Add(new VersionRow(write.TenantId, record.Id, record.Version, kind, source.Origin, data,
                diff is null ? null : RecordDiff.ToJson(diff), hash, source.SyncRunId, source.MappingVersion, now));
            bulk.Events.Add(new EventRow(UuidV7.New(), write.TenantId, EventType(kind), JsonSerializer.Serialize(payload, JsonSerializerOptions.Web), now));
        }
        var created = write.Data;
        return diff is null ? new RecordChange(record, kind, () => RecordDiff.Compute(null, created)) : new RecordChange(record, kind, diff);
    }

    /// <summary>The record.* event body (camelCase on the wire).</summary>
    private sealed record RecordEventPayload(Guid RecordId, string Side, Guid? ConnectionId, string Entity, string ExternalId,
        int Version, string Hash, string[] ChangedFields, Guid? SyncRunId);

    private static string EventType(ChangeKind kind) => kind switch
    {
        ChangeKind.Created => EventTypes.RecordCreated,
        ChangeKind.Deleted => EventTypes.RecordDeleted,
        _ => EventTypes.RecordUpdated,
    };

    private static JsonDocument ToDocument(JsonNode node) => JsonDocument.Parse(node.ToJsonString());
}
