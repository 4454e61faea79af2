using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Records;

public enum ChangeKind { Created, Updated, Deleted, Restored }

/// <summary>Where a change came from: a sync run, a push, the API, a host event, a conflict resolution.</summary>
public enum ChangeOrigin { Sync, Push, Api, HostEvent, ConflictResolution }

/// <summary>
/// An immutable version of a record: the full snapshot after the change, the field-level diff from the previous
/// version, and what produced it (run, mapping version, origin). A created version's diff is fully determined by its
/// snapshot (every top-level field, old null), so it is not stored (the diff column is null) but derived on read.
/// </summary>
public sealed class RecordVersion : ITenantOwned
{
    public long Id { get; init; }
    public Guid TenantId { get; set; }
    public Guid RecordId { get; init; }
    public int Version { get; init; }
    public ChangeKind Kind { get; init; }
    public ChangeOrigin Origin { get; init; }
    public required JsonDocument Snapshot { get; init; }
    /// <summary>Array of { path, old, new }; for a version stored without one (created), derived from the snapshot.</summary>
    public JsonDocument Diff
    {
        get => StoredDiff ?? (_derivedDiff ??= JsonDocument.Parse(RecordDiff.ToJson(RecordDiff.Compute(null, JsonNode.Parse(Snapshot.RootElement.GetRawText())))));
        init => StoredDiff = value;
    }

    /// <summary>The diff column: null for a created version (see <see cref="Diff"/>).</summary>
    public JsonDocument? StoredDiff { get; init; }

    private JsonDocument? _derivedDiff;
    public required string Hash { get; init; }
    public Guid? SyncRunId { get; init; }
    public int? MappingVersion { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
