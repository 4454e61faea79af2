using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Commits one step of a run (a page, a pushed record, a sweep) in one transaction under the context's retry
/// strategy, then starts the next step with an empty change tracker (memory stays flat over long runs) in which
/// only the run row and the checkpoint stay attached. Each commit publishes the run's progress.
/// </summary>
public sealed class RunUnitOfWork(HubDbContext db, RunProgress progress)
{
    public async Task CommitAsync(SyncRun run, SyncCheckpoint? checkpoint, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            await transaction.CommitAsync(token);
        }, ct);
        db.ChangeTracker.AcceptAllChanges();
        db.ChangeTracker.Clear();
        db.Attach(run);
        if (checkpoint is not null) db.Attach(checkpoint);
        progress.Publish(run);
    }

    /// <summary>Drops whatever a failed step left in the change tracker, keeping the run attached.</summary>
    public void Discard(SyncRun run)
    {
        db.ChangeTracker.Clear();
        db.Attach(run);
    }
}
