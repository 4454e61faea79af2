namespace IntegrationHub.Core.Sync;

/// <summary>A request for a run: which connection, which entities (null = every enabled entity), what kind, and why.</summary>
public sealed record SyncRunRequest(
    Guid TenantId, Guid ConnectionId, SyncRunKind Kind, SyncTrigger Trigger, IReadOnlyList<string>? Entities = null);

/// <summary>
/// Queues sync work. Implementations write the queued <see cref="SyncRun"/> and its job durably together (same
/// transaction or outbox), so a process dying in between loses nothing.
/// </summary>
public interface ISyncScheduler
{
    Task<SyncRun> RequestRunAsync(SyncRunRequest request, CancellationToken ct);
}

/// <summary>Executes one queued run (the job body). Throws <see cref="ConnectorException"/> for job-level failures so the queue can classify them.</summary>
public interface ISyncRunExecutor
{
    Task ExecuteAsync(Guid runId, CancellationToken ct);
}
