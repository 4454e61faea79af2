using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Sync;

public enum SyncTrigger { Schedule, Manual, Webhook, HostEvent, Initial, Redrive }

public enum SyncRunKind { Incremental, Full, Push }

public enum SyncRunStatus { Queued, Running, Succeeded, CompletedWithErrors, Failed, Cancelled }

/// <summary>
/// One run of one connection over one or more entities: what started it, what it did per entity, how long it took,
/// how long it waited for rate limits, and why it failed. Progress fields are updated after every page so the portal
/// and the API can show a running run.
/// </summary>
public sealed class SyncRun : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public SyncTrigger Trigger { get; init; }
    public SyncRunKind Kind { get; init; }
    public string[] Entities { get; init; } = [];
    public SyncRunStatus Status { get; set; } = SyncRunStatus.Queued;
    /// <summary>Per entity: processed, created, updated, deleted, skipped, failed, conflicts.</summary>
    public Dictionary<string, EntityCounts> Counts { get; set; } = [];
    public int Pages { get; set; }
    public long RateLimitWaitMs { get; set; }
    /// <summary>Records processed so far and, when the provider tells, the expected total (for progress bars).</summary>
    public int Processed { get; set; }
    public int? ExpectedTotal { get; set; }
    public string? Error { get; set; }
    /// <summary>The Hangfire job that runs it (for the dead-letter view and redrive).</summary>
    public string? JobId { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset QueuedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long? DurationMs => StartedAt is { } s && FinishedAt is { } f ? (long)(f - s).TotalMilliseconds : null;
}

public sealed record EntityCounts
{
    public int Processed { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Deleted { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    public int Conflicts { get; set; }
}
