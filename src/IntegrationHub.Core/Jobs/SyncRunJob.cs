using Hangfire;
using Hangfire.Server;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// The Hangfire job of one sync run: take the entity locks and a tenant slot (or postpone), claim the run for this
/// job, run <see cref="ISyncRunExecutor"/> in the run's tenant, and record a failure's decision on the run before
/// handing it to <see cref="SyncRetryFilter"/>.
/// </summary>
public sealed class SyncRunJob(
    IServiceScopeFactory scopes, HubJobsDatabase database, SyncRunOutcomes outcomes, IOptions<JobOptions> options, TimeProvider clock, ILogger<SyncRunJob> logger)
{
    public const string RateLimitWaitsParameter = "RateLimitWaits";

    [JobDisplayName("Sync run {0}")]
    public async Task RunAsync(Guid runId, PerformContext? context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jobId = context.BackgroundJob.Id;
        var run = await LoadAsync(runId, ct);
        if (run is null)
        {
            logger.LogInformation("Sync run {RunId} no longer exists; job {JobId} has nothing to do", runId, jobId);
            return;
        }
        if (run.Status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors or SyncRunStatus.Cancelled) return;

        var (locks, busy) = await SyncRunLocks.TryAcquireAsync(database.ConnectionString, run.TenantId, run.ConnectionId, run.Entities, options.Value.PerTenantConcurrency, ct);
        if (locks is null)
        {
            var delay = options.Value.PostponeDelay * (1 + Random.Shared.NextDouble() / 2);
            throw new JobPostponedException(busy!, delay);
        }
        await using (locks)
        {
            var attempts = await ClaimAsync(runId, jobId, ct);
            if (attempts is null)
            {
                logger.LogInformation("Sync run {RunId} belongs to another job than {JobId} or is finished; skipping", runId, jobId);
                return;
            }
            locks.Watch(options.Value.LockCheckInterval);
            using var running = CancellationTokenSource.CreateLinkedTokenSource(ct, locks.Lost);
            try
            {
                await ExecuteAsync(run.TenantId, runId, running.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The worker is stopping: Hangfire puts the job back in its queue; the run waits for it, this try uncounted.
                await ReleaseAsync(runId, CancellationToken.None);
                throw;
            }
            catch (Exception caught)
            {
                // Stopped because its locks went with the database session: a transient failure, retried from the checkpoint.
                var ex = locks.Lost.IsCancellationRequested
                    ? new ConnectorException(ErrorClass.Transient, "The run's locks were lost with its database session (PostgreSQL restarted or the connection was cut); it resumes from its checkpoint.", caught)
                    : caught;
                var waits = context.GetJobParameter<int>(RateLimitWaitsParameter);
                var decision = RetryPolicy.Decide(ex, attempts.Value, waits, options.Value.Retry, Random.Shared.NextDouble());
                if (decision is { Action: RetryAction.Retry, CountsAsAttempt: false }) context.SetJobParameter(RateLimitWaitsParameter, waits + 1);
                var error = ErrorText.Describe(ex);
                await outcomes.RecordAsync(runId, run.TenantId, decision, error, CancellationToken.None);
                logger.LogWarning("Sync run {RunId} failed ({ErrorClass}): {Decision}", runId, decision.Class, decision.Reason);
                throw new SyncJobFailedException(decision, error, ex);
            }
        }
    }

    private async Task<SyncRun?> LoadAsync(Guid runId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.SyncRuns.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct);
    }

    /// <summary>
    /// Running, one more attempt — only for the job the run names. If the dispatcher that created this job has not
    /// committed the job id yet, the UPDATE waits on its row lock and then sees it.
    /// </summary>
    private async Task<int?> ClaimAsync(Guid runId, string jobId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow();
        var attempts = await db.Database.SqlQuery<int>($"""
            UPDATE sync_runs SET status = 'Running', attempts = attempts + 1, started_at = COALESCE(started_at, {now}), finished_at = NULL
            WHERE id = {runId} AND job_id = {jobId} AND status IN ('Queued', 'Running', 'Failed')
            RETURNING attempts AS "Value"
            """).ToListAsync(ct);
        return attempts.Count == 1 ? attempts[0] : null;
    }

    private async Task ExecuteAsync(Guid tenantId, Guid runId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        await scope.ServiceProvider.GetRequiredService<ISyncRunExecutor>().ExecuteAsync(runId, ct);
        // The executor records its own outcome; a run it left running is finished here so it never looks stuck.
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow();
        await db.SyncRuns.Where(r => r.Id == runId && r.Status == SyncRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SyncRunStatus.Succeeded).SetProperty(r => r.FinishedAt, now), CancellationToken.None);
    }

    private async Task ReleaseAsync(Guid runId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        await db.SyncRuns.IgnoreQueryFilters().Where(r => r.Id == runId && r.Status == SyncRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SyncRunStatus.Queued).SetProperty(r => r.Attempts, r => r.Attempts - 1), ct);
    }
}
