using System.Text.Json;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Records;

public enum RecordSide { Host, External }

/// <summary>
/// One record as the hub last saw it: on the host-app side (ConnectionId null, ExternalId = the host app's id) or
/// on one connection's side (ExternalId = the provider's id). Data is canonical JSON and Hash its SHA-256; a record is
/// never removed, a deletion leaves a tombstone (DeletedAt) that a retention job may purge after its period.
/// </summary>
public sealed class SyncRecord : ITenantOwned
{
    public Guid Id { get; init; } = UuidV7.New();
    public Guid TenantId { get; set; }
    public RecordSide Side { get; init; }
    public Guid? ConnectionId { get; init; }
    public required string Entity { get; init; }
    public required string ExternalId { get; init; }
    public required JsonDocument Data { get; set; }
    public required string Hash { get; set; }
    public int Version { get; set; } = 1;
    /// <summary>The provider's (or host app's) own last-change time, used by last-write-wins.</summary>
    public DateTimeOffset? SourceUpdatedAt { get; set; }
    /// <summary>The provider's own payload, kept so an update never erases fields the hub does not map.</summary>
    public JsonDocument? Raw { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? DeletedAt { get; set; }
    /// <summary>The last full-sync run that saw this record (mark-and-sweep delete detection).</summary>
    public Guid? LastSeenRunId { get; set; }
}
