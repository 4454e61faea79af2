using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Sync;

public enum QuarantineStatus { Pending, Approved, Rejected }

/// <summary>
/// Deletions a full sync would have made but did not, because they exceeded the entity's threshold (a provider bug
/// or a permission change can make every record "disappear"). A person approves (the deletes are applied) or rejects.
/// </summary>
public sealed class DeleteQuarantine : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public Guid SyncRunId { get; init; }
    public required string Entity { get; init; }
    /// <summary>Ids of the external-side records that were not seen by the full sync.</summary>
    public required Guid[] RecordIds { get; init; }
    public int EntityTotal { get; init; }
    public QuarantineStatus Status { get; set; } = QuarantineStatus.Pending;
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedByUserId { get; set; }
}
