using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Sync;

[Flags]
public enum SyncDirection { Inbound = 1, Outbound = 2, Both = Inbound | Outbound }

/// <summary>What a provider's deletion does to the host side.</summary>
public enum DeletePolicy
{
    /// <summary>The linked host record becomes a tombstone too (and the host app hears record.deleted).</summary>
    Propagate,
    /// <summary>Only the external record becomes a tombstone; the host record stays.</summary>
    Ignore,
}

/// <summary>How one entity syncs on one connection. Schedule is an interval in minutes or a cron expression.</summary>
public sealed class SyncConfig : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public required string Entity { get; init; }
    public bool Enabled { get; set; } = true;
    public SyncDirection Direction { get; set; } = SyncDirection.Inbound;
    /// <summary>Minutes between scheduled runs (1 to 1440); ignored when <see cref="Cron"/> is set. Default hourly.</summary>
    public int IntervalMinutes { get; set; } = 60;
    public string? Cron { get; set; }
    public ConflictPolicy ConflictPolicy { get; set; } = ConflictPolicy.LastWriteWins;
    public ConflictPolicy MergeFallback { get; set; } = ConflictPolicy.LastWriteWins;
    /// <summary>Per-field overrides: field path → policy.</summary>
    public Dictionary<string, ConflictPolicy> FieldPolicies { get; set; } = [];
    public DeletePolicy DeletePolicy { get; set; } = DeletePolicy.Propagate;
    /// <summary>A full sync deleting more than this share of the entity's records is quarantined for review.</summary>
    public decimal DeleteThresholdPercent { get; set; } = 10m;
    /// <summary>Incremental runs ask for changes since the cursor minus this window (clock skew, late commits).</summary>
    public int LookbackMinutes { get; set; } = 5;
    /// <summary>Accounting practice: a posted invoice is not rewritten unless this is set.</summary>
    public bool AllowPostedUpdates { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
