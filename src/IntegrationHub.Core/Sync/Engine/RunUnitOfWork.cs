using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Commits one step of a run (a page, a pushed record, a sweep) in one transaction under the context's retry
/// strategy, then starts the next step with an empty change tracker (memory stays flat over long runs) in which
/// only the run row and the checkpoint stay attached. Each commit publishes the run's progress and first folds the
/// rate-budget waits of the tracked <see cref="RateLimitWaitScope"/> into the run's RateLimitWaitMs (ProviderCalls adds
/// the engine's own 429 Retry-After sleeps to that scope too). Rows buffered in <see cref="BulkRecordRows"/> by
/// a bulk page are copied first, in the same transaction, so they commit (or roll back, or retry) with the step.
/// </summary>
public sealed class RunUnitOfWork(HubDbContext db, BulkRecordRows bulk, RunProgress progress)
{
    private RateLimitWaitScope? _waits;
    private long _foldedMs;

    /// <summary>Budget waits measured by <paramref name="waits"/> are added to the run at each commit from now on.</summary>
    public void TrackWaits(RateLimitWaitScope waits)
    {
        _waits = waits;
        _foldedMs = 0;
    }

    /// <summary>Adds the budget waits not yet counted to <paramref name="run"/>.RateLimitWaitMs.</summary>
    public void FoldWaits(SyncRun run)
    {
        if (_waits is null) return;
        var total = (long)_waits.Waited.TotalMilliseconds;
        run.RateLimitWaitMs += total - _foldedMs;
        _foldedMs = total;
    }

    public async Task CommitAsync(SyncRun run, SyncCheckpoint? checkpoint, CancellationToken ct)
    {
        FoldWaits(run);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            if (!bulk.IsEmpty) await BulkRecordCopy.WriteAsync((NpgsqlConnection)db.Database.GetDbConnection(), bulk, token);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            await transaction.CommitAsync(token);
        }, ct);
        db.ChangeTracker.AcceptAllChanges();
        db.ChangeTracker.Clear();
        bulk.Clear();
        db.Attach(run);
        if (checkpoint is not null) db.Attach(checkpoint);
        progress.Publish(run);
    }

    /// <summary>Drops whatever a failed step left in the change tracker, keeping the run attached.</summary>
    public void Discard(SyncRun run)
    {
        Reset();
        db.Attach(run);
    }

    /// <summary>Drops everything a failed step left uncommitted: tracked changes and buffered bulk rows.</summary>
    public void Reset()
    {
        db.ChangeTracker.Clear();
        bulk.Clear();
    }
}
