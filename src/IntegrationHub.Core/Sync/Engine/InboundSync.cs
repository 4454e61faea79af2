using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Pulls one entity page by page. Each page's records, links, conflicts, events, the checkpoint (next page token,
/// pages done) and the run's progress commit in one transaction, so a run killed mid-way resumes at the next page
/// without duplicates. A full pass ends with the guarded mark-and-sweep (<see cref="DeleteSweep"/>). Pages are read one
/// ahead (<see cref="PagePrefetch"/>): the provider call for page N+1 runs while page N is applied and committed, and a
/// failure of that fetch surfaces after page N's commit, as in a serial loop. A page whose writes are all bulk rows
/// commits behind (<see cref="RunUnitOfWork.CommitBehindAsync"/>): page N+1 is applied while pages N and N−1 are written
/// on connections of their own, unless it reads what they write; commits still happen in page order, each with its checkpoint.
/// </summary>
public sealed class InboundSync(
    HubDbContext db, PullApplier applier, DeleteSweep sweep, ProviderCalls calls, RunUnitOfWork unit, StoreStatistics statistics,
    IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task RunAsync(RunState s, string entity, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var checkpoint = await db.SyncCheckpoints.SingleOrDefaultAsync(c => c.ConnectionId == connectionId && c.Entity == entity, ct);
        if (checkpoint is null)
        {
            checkpoint = new SyncCheckpoint { TenantId = s.TenantId, ConnectionId = connectionId, Entity = entity };
            db.SyncCheckpoints.Add(checkpoint);
        }
        // An earlier attempt of this run already finished this entity (the run started before that success).
        if (checkpoint.RunId is null && s.Run.StartedAt is { } started && checkpoint.LastSuccessAt >= started) return;

        var ownRun = checkpoint.RunId == s.Run.Id;
        var resuming = ownRun && checkpoint.PageToken is not null;
        var sweepPending = ownRun && checkpoint.PageToken is null && checkpoint.PagesDone > 0;
        var mode = ownRun && checkpoint.RunKind is { } kind
            ? (kind == SyncRunKind.Full ? SyncMode.Full : SyncMode.Incremental)
            : s.Run.Kind == SyncRunKind.Full || checkpoint.Cursor is null ? SyncMode.Full : SyncMode.Incremental;
        if (!resuming && !sweepPending)
        {
            checkpoint.RunId = s.Run.Id;
            checkpoint.RunKind = mode == SyncMode.Full ? SyncRunKind.Full : SyncRunKind.Incremental;
            checkpoint.PageToken = null;
            checkpoint.PagesDone = 0;
            checkpoint.RunHadFailures = false;
            checkpoint.UpdatedAt = clock.GetUtcNow();
            await unit.CommitAsync(s.Run, checkpoint, ct);
        }

        if (!sweepPending)
        {
            try
            {
                await PageLoopAsync(s, entity, checkpoint, mode, ct);
            }
            finally
            {
                await statistics.SettleAsync();
            }
        }

        if (mode == SyncMode.Full && !checkpoint.RunHadFailures)
            await sweep.SweepAsync(s, entity, ct);
        var now = clock.GetUtcNow();
        checkpoint.RunId = null;
        checkpoint.RunKind = null;
        checkpoint.PageToken = null;
        checkpoint.LastSuccessAt = now;
        if (mode == SyncMode.Full) checkpoint.LastFullSyncAt = now;
        checkpoint.UpdatedAt = now;
        await unit.CommitAsync(s.Run, checkpoint, ct);
    }

    /// <summary>Runs the pages. The last page commits the next run's cursor with PageToken null and RunId kept (sweep pending).</summary>
    private async Task PageLoopAsync(RunState s, string entity, SyncCheckpoint checkpoint, SyncMode mode, CancellationToken ct)
    {
        var config = s.Config(entity);
        // Full passes read everything and ignore the cursor: that is also the way out of an unreadable cursor.
        var cursor = mode == SyncMode.Full ? null : checkpoint.Cursor;
        var since = mode == SyncMode.Incremental && checkpoint.HighWaterMark is { } hwm ? hwm - TimeSpan.FromMinutes(config.LookbackMinutes) : (DateTimeOffset?)null;
        var highWaterMark = checkpoint.HighWaterMark;
        // The fetches run in a scope of their own (its own DbContext for tokens and secrets), because they overlap the
        // page's apply and commit on this scope's context; the rate budget is still drawn per call.
        await using var fetchScope = scopes.CreateAsyncScope();
        fetchScope.ServiceProvider.GetRequiredService<TenantContext>().Enter(s.TenantId);
        var context = new ConnectorContext(s.Connection, fetchScope.ServiceProvider.GetRequiredService<ConnectionHttp>(), clock);
        await using var pages = new PagePrefetch((token, fetchCt) => calls.RunAsync(s.Run, $"{s.Connector.Key} list {entity}",
            () => s.Connector.ListAsync(context, entity, mode, new SyncPosition(cursor, token, since), fetchCt), fetchCt), checkpoint.PageToken, ct);
        try
        {
            while (true)
            {
                ChangePage page;
                try
                {
                    page = (await pages.NextAsync())!;
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    await MarkFailedPageAsync(s, checkpoint, ct);
                    throw;
                }

                // The previous page may still be committing behind: a page that reads what it writes waits for it.
                if (unit.Pending?.Touches(page.Records) == true) await unit.SettleAsync();
                var createdBefore = s.Counts(entity).Created;
                await applier.ApplyAsync(s, entity, page.Records, markSeen: mode == SyncMode.Full, ct);
                s.Run.Pages++;
                checkpoint.PagesDone++;
                checkpoint.PageToken = page.NextPageToken;
                checkpoint.UpdatedAt = clock.GetUtcNow();
                if (page.HighWaterMark?.ToUniversalTime() is { } mark && (highWaterMark is null || mark > highWaterMark)) highWaterMark = mark;
                // Incremental feeds come in change order, so the mark may advance per page; a full pass (id order) sets it at the end.
                if (mode == SyncMode.Incremental || page.NextPageToken is null) checkpoint.HighWaterMark = highWaterMark;
                // A full pass sets the incremental cursor for next time, but only at its end (it does not read the cursor itself).
                if (page.NextCursor is not null && (mode == SyncMode.Incremental || page.NextPageToken is null)) checkpoint.Cursor = page.NextCursor;
                // The last page commits in line: the sweep and the entity's end read and write after it.
                if (page.NextPageToken is null)
                {
                    await unit.CommitAsync(s.Run, checkpoint, ct);
                    return;
                }
                await unit.CommitBehindAsync(s.Run, checkpoint, page.Records, ct);
                if (StoreStatistics.Crossed(createdBefore, s.Counts(entity).Created)) await statistics.RefreshAsync(ct);
            }
        }
        catch (Exception)
        {
            // Whatever stopped the loop, no commit is left running behind it.
            await unit.SettleQuietlyAsync();
            throw;
        }
    }

    /// <summary>A full pass that lost a page must not delete anything: remembered on the checkpoint, outside the failed page's work.</summary>
    private async Task MarkFailedPageAsync(RunState s, SyncCheckpoint checkpoint, CancellationToken ct)
    {
        await unit.SettleAsync();
        unit.Discard(s.Run);
        checkpoint.RunHadFailures = true;
        await db.SyncCheckpoints.Where(c => c.Id == checkpoint.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.RunHadFailures, true), CancellationToken.None);
        db.Attach(checkpoint);
    }
}
