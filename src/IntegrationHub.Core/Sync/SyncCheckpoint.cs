using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Sync;

/// <summary>
/// An entity's position in its provider feed on one connection, written after every page in the same transaction
/// as that page's records: a run killed mid-way resumes at <see cref="PageToken"/> of <see cref="RunId"/> without
/// duplicating what was committed. <see cref="Cursor"/> is what the next incremental run starts from.
/// </summary>
public sealed class SyncCheckpoint : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public required string Entity { get; init; }
    public string? Cursor { get; set; }
    public DateTimeOffset? HighWaterMark { get; set; }
    /// <summary>The run in progress and its next page; null when no run is mid-way.</summary>
    public Guid? RunId { get; set; }
    public SyncRunKind? RunKind { get; set; }
    public string? PageToken { get; set; }
    public int PagesDone { get; set; }
    /// <summary>True once a full run has had any page fail: its sweep must not delete anything.</summary>
    public bool RunHadFailures { get; set; }
    public DateTimeOffset? LastFullSyncAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
