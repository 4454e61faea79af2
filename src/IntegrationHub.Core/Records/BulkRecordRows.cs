namespace IntegrationHub.Core.Records;

/// <summary>A new record with its JSON already serialized (the COPY writes the text; <see cref="SyncRecord.Data"/> stays usable in memory).</summary>
public sealed record NewRecordRow(SyncRecord Record, string Data, string? Raw);

/// <summary>A version row for the COPY: the same content as <see cref="RecordVersion"/>, with snapshot and diff as JSON text (diff null: created).</summary>
public sealed record VersionRow(
    Guid TenantId, Guid RecordId, int Version, ChangeKind Kind, ChangeOrigin Origin, string Snapshot, string? Diff, string Hash,
    Guid? SyncRunId, int? MappingVersion, DateTimeOffset CreatedAt);

/// <summary>An outbox event row for the COPY, payload as JSON text.</summary>
public sealed record EventRow(Guid EventId, Guid TenantId, string Type, string Payload, DateTimeOffset OccurredAt);

/// <summary>
/// The rows one bulk page adds: new records, versions, new links, outbox events and the mark-and-sweep marks of
/// records that did not change. They stay in memory until the page's unit of work commits, which writes them with
/// binary COPY (<see cref="BulkRecordCopy"/>) in the same transaction as everything else of the page and its
/// checkpoint, before the change tracker's own SaveChanges. Scoped: one buffer per run scope.
/// </summary>
public sealed class BulkRecordRows
{
    public List<NewRecordRow> Records { get; } = [];
    public List<VersionRow> Versions { get; } = [];
    public List<RecordLink> Links { get; } = [];
    public List<EventRow> Events { get; } = [];
    /// <summary>Existing records seen unchanged by a full pass, by the run that saw them.</summary>
    public Dictionary<Guid, List<Guid>> Seen { get; } = [];

    public bool IsEmpty => Records.Count == 0 && Versions.Count == 0 && Links.Count == 0 && Events.Count == 0 && Seen.Count == 0;

    public void MarkSeen(Guid recordId, Guid runId)
    {
        if (!Seen.TryGetValue(runId, out var ids)) Seen[runId] = ids = [];
        ids.Add(recordId);
    }

    /// <summary>Moves every buffered row into a new buffer (handed to a commit behind) and leaves this one empty.</summary>
    public BulkRecordRows TakeAll()
    {
        var taken = new BulkRecordRows();
        taken.Records.AddRange(Records);
        taken.Versions.AddRange(Versions);
        taken.Links.AddRange(Links);
        taken.Events.AddRange(Events);
        foreach (var (runId, ids) in Seen) taken.Seen[runId] = ids;
        Clear();
        return taken;
    }

    public void Clear()
    {
        Records.Clear();
        Versions.Clear();
        Links.Clear();
        Events.Clear();
        Seen.Clear();
    }
}
