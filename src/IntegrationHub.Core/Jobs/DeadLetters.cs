using Hangfire;
using Hangfire.States;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Jobs;

public sealed record DeadLetter(string JobId, Guid RunId, Guid TenantId, Guid ConnectionId, string[] Entities, string Kind, string Trigger,
    DateTimeOffset? FailedAt, int Attempts, string? Error);

public sealed record RedriveResult(IReadOnlyList<string> Requeued, IReadOnlyList<string> NotFound);

/// <summary>
/// The dead-letter view over failed sync runs and their Hangfire jobs, and redrive: the run goes back to Queued with
/// a fresh attempt budget and the same job is moved from Failed to Enqueued. Callers pass the runs they may see
/// (tenant-filtered for tenants, unfiltered for operators), so the tenant boundary is the query filter's.
/// </summary>
public sealed class DeadLetters(HubDbContext db, IBackgroundJobClientV2 jobs, JobStorage storage, TimeProvider clock)
{
    public const int MaxBatch = 500;

    public static IQueryable<SyncRun> Failed(IQueryable<SyncRun> runs) => runs.Where(r => r.Status == SyncRunStatus.Failed && r.JobId != null);

    public async Task<List<DeadLetter>> ListAsync(IQueryable<SyncRun> runs, int skip, int take, CancellationToken ct) =>
        (await Failed(runs).OrderByDescending(r => r.FinishedAt).ThenBy(r => r.Id).Skip(skip).Take(take).AsNoTracking().ToListAsync(ct))
        .Select(r => new DeadLetter(r.JobId!, r.Id, r.TenantId, r.ConnectionId, r.Entities, r.Kind.ToString(), r.Trigger.ToString(), r.FinishedAt, r.Attempts,
            r.Error is null ? null : ErrorText.Sanitize(r.Error)))
        .ToList();

    /// <param name="jobIds">The jobs to redrive, or null for every dead letter visible through <paramref name="runs"/> (up to <see cref="MaxBatch"/>).</param>
    public async Task<RedriveResult> RedriveAsync(IQueryable<SyncRun> runs, IReadOnlyCollection<string>? jobIds, AuditActor actor, CancellationToken ct)
    {
        var query = Failed(runs);
        if (jobIds is not null) query = query.Where(r => jobIds.Contains(r.JobId!));
        var candidates = await query.OrderBy(r => r.FinishedAt).Take(MaxBatch).AsNoTracking()
            .Select(r => new { r.Id, r.TenantId, r.JobId, r.Kind }).ToListAsync(ct);
        var requeued = new List<string>();
        foreach (var run in candidates)
        {
            if (await RedriveOneAsync(run.Id, run.TenantId, run.JobId!, run.Kind, actor, ct)) requeued.Add(run.JobId!);
        }
        var notFound = jobIds?.Except(requeued, StringComparer.Ordinal).ToList() ?? [];
        return new RedriveResult(requeued, notFound);
    }

    /// <summary>
    /// Run row first, job second, one transaction: if the job is no longer Failed (someone requeued it from the
    /// dashboard), the row change is rolled back. The job cannot start before the commit: its claim waits on the row.
    /// </summary>
    private async Task<bool> RedriveOneAsync(Guid runId, Guid tenantId, string jobId, SyncRunKind kind, AuditActor actor, CancellationToken ct) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var changed = await db.SyncRuns.IgnoreQueryFilters().Where(r => r.Id == runId && r.Status == SyncRunStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SyncRunStatus.Queued).SetProperty(r => r.Attempts, 0)
                    .SetProperty(r => r.Error, (string?)null).SetProperty(r => r.FinishedAt, (DateTimeOffset?)null), ct);
            if (changed == 0) return false;
            using (var connection = storage.GetConnection())
            {
                connection.SetJobParameter(jobId, SyncRunJob.RateLimitWaitsParameter, "0");
            }
            var queue = SyncRunDispatcher.QueueFor(kind);
            if (!jobs.ChangeState(jobId, new EnqueuedState(queue) { Reason = $"Redriven by {actor.Name ?? actor.Type}" }, FailedState.StateName))
            {
                await transaction.RollbackAsync(ct);
                return false;
            }
            db.Audit(tenantId, AuditActions.SyncRunRedriven, actor, "sync_run", runId.ToString(), new { jobId, at = clock.GetUtcNow() });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        });
}
