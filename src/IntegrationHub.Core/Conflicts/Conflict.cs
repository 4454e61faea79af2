using System.Text.Json;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Conflicts;

public enum ConflictStatus { Open, Resolved, AutoResolved }

/// <summary>
/// A record both sides changed since the last sync: the base and both versions, the policy that applied, and the
/// decision with its reason. Auto-resolved conflicts are kept too, so every decision can be explained later.
/// </summary>
public sealed class Conflict : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public required string Entity { get; init; }
    public required string HostId { get; init; }
    public required string RemoteId { get; init; }
    public JsonDocument? Base { get; init; }
    public required JsonDocument Host { get; init; }
    public required JsonDocument External { get; init; }
    public DateTimeOffset HostChangedAt { get; init; }
    public DateTimeOffset ExternalChangedAt { get; init; }
    public string[] ConflictingPaths { get; init; } = [];
    public ConflictPolicy Policy { get; init; }
    public ConflictStatus Status { get; set; } = ConflictStatus.Open;
    public ConflictOutcome? Outcome { get; set; }
    public JsonDocument? Resolution { get; set; }
    public string? Reason { get; set; }
    public Guid? SyncRunId { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ResolvedAt { get; set; }
    public Guid? ResolvedByUserId { get; set; }
}
