using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Commits one step of a run (a page, a pushed record, a sweep) in one transaction under the context's retry
/// strategy, then starts the next step with an empty change tracker (memory stays flat over long runs) in which
/// only the run row and the checkpoint stay attached. Each commit publishes the run's progress and first folds the
/// rate-budget waits of the tracked <see cref="RateLimitWaitScope"/> into the run's RateLimitWaitMs (ProviderCalls adds
/// the engine's own 429 Retry-After sleeps to that scope too). Rows buffered in <see cref="BulkRecordRows"/> by
/// a bulk page are copied first, in the same transaction, so they commit (or roll back, or retry) with the step.
/// <para>
/// A page whose only tracked changes are the run's progress and the checkpoint (everything else is in the bulk
/// buffer: the usual page of a first full sync) can be committed <em>behind</em> (<see cref="CommitBehindAsync"/>):
/// its rows and copies of the run and checkpoint as they stand are written on a connection of its own while the caller
/// applies the next page. Two pages may be writing at once (PostgreSQL then works on both cores), but commits stay
/// strictly in page order: a page's transaction copies its records, versions and links, then waits for the page
/// before it to commit, and only then takes its outbox ids, writes the run and checkpoint and commits; if the page
/// before failed, it rolls back. Every other commit first waits for both; the caller waits before applying a page
/// that reads what a pending one writes (<see cref="PendingCommit.Touches"/>); a failure of a pending commit is thrown
/// at the next commit or wait, before anything later can commit.
/// </para>
/// </summary>
public sealed class RunUnitOfWork(HubDbContext db, BulkRecordRows bulk, RunProgress progress, DbContextOptions<HubDbContext> options) : IAsyncDisposable, IDisposable
{
    private RateLimitWaitScope? _waits;
    private long _foldedMs;
    private readonly HubDbContext?[] _behind = new HubDbContext?[2];
    private int _nextBehind;

    /// <summary>The page committing behind the caller, if any.</summary>
    public PendingCommit? Pending { get; private set; }

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
        await SettleAsync();
        FoldWaits(run);
        await WriteAsync(db, bulk, previous: null, ct);
        db.ChangeTracker.AcceptAllChanges();
        Restart(run, checkpoint);
        bulk.Clear();
        progress.Publish(run);
    }

    /// <summary>
    /// Commits the step like <see cref="CommitAsync"/>, but in the background when only the run and the checkpoint are
    /// tracked as changed: returns once the rows are handed over. <paramref name="page"/> is what the step applied (its
    /// remote ids are what the pending commit holds back from the next page's reads).
    /// </summary>
    public async Task CommitBehindAsync(SyncRun run, SyncCheckpoint checkpoint, IReadOnlyList<RemoteRecord> page, CancellationToken ct)
    {
        // At most two pages in flight: the one before the latest must have ended (its failure is thrown here).
        if (Pending?.Previous is { } older)
        {
            await older.Write;
            Pending.Previous = null;
        }
        if (!OnlyProgressChanged())
        {
            await CommitAsync(run, checkpoint, ct);
            return;
        }
        FoldWaits(run);
        var runCopy = Copy(db.Entry(run));
        runCopy.Entity.Counts = run.Counts.ToDictionary(e => e.Key, e => e.Value with { });
        var checkpointCopy = Copy(db.Entry(checkpoint));
        var rows = bulk.TakeAll();
        db.ChangeTracker.AcceptAllChanges();
        Restart(run, checkpoint);
        var context = _behind[_nextBehind] ??= new HubDbContext(options);
        _nextBehind = 1 - _nextBehind;
        var previous = Pending;
        var write = Task.Run(() => WriteBehindAsync(context, runCopy, checkpointCopy, rows, previous?.Write, ct), CancellationToken.None);
        Pending = new PendingCommit(write, page.Select(r => r.RemoteId), rows.Records.Where(r => r.Record.ConnectionId is null).Select(r => r.Record.ExternalId))
        {
            Previous = previous,
        };
    }

    /// <summary>Waits for the commits behind, if any (the latest ends after the one before it); a failure is thrown here.</summary>
    public async Task SettleAsync()
    {
        if (Pending is not { } pending) return;
        Pending = null;
        await pending.Write;
    }

    /// <summary>Drops whatever a failed step left in the change tracker, keeping the run attached.</summary>
    public void Discard(SyncRun run)
    {
        Drop();
        db.Attach(run);
    }

    /// <summary>Drops everything a failed step left uncommitted (tracked changes, buffered rows) once the commit behind, if any, has ended either way.</summary>
    public async Task ResetAsync()
    {
        await SettleQuietlyAsync();
        Drop();
    }

    private void Drop()
    {
        db.ChangeTracker.Clear();
        bulk.Clear();
    }

    /// <summary>Lets the commit behind end; its outcome no longer matters to the caller (which is failing for another reason).</summary>
    public async Task SettleQuietlyAsync()
    {
        try { await SettleAsync(); }
        catch (Exception) { }
    }

    public async ValueTask DisposeAsync()
    {
        await SettleQuietlyAsync();
        foreach (var context in _behind)
            if (context is not null) await context.DisposeAsync();
    }

    /// <summary>For scopes disposed synchronously; the page loop never leaves a commit behind, so nothing normally waits here.</summary>
    public void Dispose()
    {
        try { Pending?.Write.GetAwaiter().GetResult(); }
        catch (Exception) { }
        Pending = null;
        foreach (var context in _behind) context?.Dispose();
    }

    private bool OnlyProgressChanged() => db.ChangeTracker.Entries().All(e =>
        e.State == EntityState.Unchanged || (e.State == EntityState.Modified && e.Entity is SyncRun or SyncCheckpoint));

    /// <summary>A detached copy with the current values and the names of the properties the step changed.</summary>
    private static (T Entity, string[] Modified) Copy<T>(EntityEntry<T> entry) where T : class =>
        ((T)entry.CurrentValues.ToObject(), [.. entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)]);

    /// <summary>Ends only after <paramref name="previous"/> has ended, whatever happens to this write.</summary>
    private async Task WriteBehindAsync(HubDbContext behind, (SyncRun Entity, string[] Modified) run, (SyncCheckpoint Entity, string[] Modified) checkpoint,
        BulkRecordRows rows, Task? previous, CancellationToken ct)
    {
        try
        {
            Track(behind, run);
            Track(behind, checkpoint);
            await WriteAsync(behind, rows, previous, ct);
            progress.Publish(run.Entity);
        }
        catch (Exception) when (previous is { IsCompleted: false })
        {
            try { await previous; }
            catch (Exception) { }
            throw;
        }
        finally
        {
            behind.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// One step in one transaction under the context's retry strategy: the bulk rows first; then, once
    /// <paramref name="previous"/> (the page before, committing behind) has committed, the events and the tracked changes.
    /// </summary>
    private static async Task WriteAsync(HubDbContext context, BulkRecordRows rows, Task? previous, CancellationToken ct)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(token);
            var connection = (NpgsqlConnection)context.Database.GetDbConnection();
            await BulkRecordCopy.WriteRowsAsync(connection, rows, token);
            if (previous is not null) await AfterAsync(previous);
            await BulkRecordCopy.WriteEventsAsync(connection, rows, token);
            await context.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            await transaction.CommitAsync(token);
        }, ct);
    }

    /// <summary>Waits for the page before; its failure becomes one the retry strategy does not retry (this page must not commit).</summary>
    private static async Task AfterAsync(Task previous)
    {
        try
        {
            await previous;
        }
        catch (Exception e)
        {
            throw new InvalidOperationException("The page before this one failed to commit: " + e.Message, e);
        }
    }

    private static void Track<T>(HubDbContext context, (T Entity, string[] Modified) copy) where T : class
    {
        var entry = context.Attach(copy.Entity);
        foreach (var name in copy.Modified) entry.Property(name).IsModified = true;
    }

    /// <summary>The next step starts with an empty change tracker holding only the run and the checkpoint.</summary>
    private void Restart(SyncRun run, SyncCheckpoint? checkpoint)
    {
        db.ChangeTracker.Clear();
        db.Attach(run);
        if (checkpoint is not null) db.Attach(checkpoint);
    }
}

/// <summary>A page committing behind the run: what it writes that a later page might read.</summary>
public sealed class PendingCommit(Task write, IEnumerable<string> remoteIds, IEnumerable<string> createdHostIds)
{
    private readonly HashSet<string> _remoteIds = new(remoteIds, StringComparer.Ordinal);
    private readonly HashSet<string> _hostIds = new(createdHostIds, StringComparer.Ordinal);

    /// <summary>Ends once this page has committed (and so has the page before it) or failed.</summary>
    public Task Write { get; } = write;

    /// <summary>The page before, while it may still be committing.</summary>
    public PendingCommit? Previous { get; set; }

    /// <summary>
    /// True when applying <paramref name="page"/> would read a row this commit writes: a record of the same remote id
    /// (its external record, link and imported host record) or a host record it creates that a reference names.
    /// Other entities' rows are not written by a bulk-only page, so reference lookups cannot be affected.
    /// </summary>
    public bool Touches(IEnumerable<RemoteRecord> page) => page.Any(r => Writes(r) || (Previous is { Write.IsCompleted: false } previous && previous.Writes(r)));

    private bool Writes(RemoteRecord r) =>
        _remoteIds.Contains(r.RemoteId) || (SyncKeys.HostIdFromReference(r.Reference) is { } hostId && _hostIds.Contains(hostId));
}
