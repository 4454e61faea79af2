using System.Text.Json;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Records;

/// <summary>
/// The pairing of a host-app record with its record in one connection, and what the hub last agreed with that side:
/// the hash it last pushed, the hash it last pulled, and the snapshot both sides held then (the base for conflicts).
/// A pulled hash equal to the last pushed hash is the echo of the hub's own write and is not synced back.
/// </summary>
public sealed class RecordLink : ITenantOwned
{
    public Guid Id { get; init; } = UuidV7.New();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public required string Entity { get; init; }
    /// <summary>The host app's id (SyncRecord.ExternalId on the host side).</summary>
    public required string HostId { get; init; }
    public required string RemoteId { get; set; }
    public string? LastPushedHash { get; set; }
    public DateTimeOffset? LastPushedAt { get; set; }
    public string? LastPulledHash { get; set; }
    public DateTimeOffset? LastPulledAt { get; set; }
    /// <summary>Canonical snapshot both sides held after the last successful sync of this pair.</summary>
    public JsonDocument? Base { get; set; }
    /// <summary>The last push failure for this record (validation message), cleared by a successful push.</summary>
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
