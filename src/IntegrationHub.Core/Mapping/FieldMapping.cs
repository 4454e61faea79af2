using System.Text.Json;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// One version of a tenant's rules for one connection and entity. Versions are never changed or deleted: saving or
/// rolling back adds a version and moves <see cref="IsActive"/> to it, so the history stays complete.
/// </summary>
public sealed class FieldMapping : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public required string Entity { get; init; }
    public int Version { get; init; }
    /// <summary>The tenant's rules (array of <see cref="MappingRule"/>); the effective mapping is the defaults overlaid by these.</summary>
    public required JsonDocument Rules { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public bool IsActive { get; set; }
    /// <summary>Set on a rollback: the version whose rules this one restored.</summary>
    public int? RestoredFromVersion { get; init; }
}
