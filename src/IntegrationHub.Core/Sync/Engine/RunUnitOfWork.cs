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
/// its rows and copies of the run and checkpoint as they stand are written on a second connection while the caller
/// applies the next page. Commits stay strictly in page order (one behind at most; every other commit first waits for
/// it), the caller waits before applying a page that reads what the pending one writes (<see cref="PendingCommit.Touches"/>),
/// and a failure of the pending commit is thrown at the next commit or wait, before anything later can commit.
/// </para>
/// </summary>
public sealed class RunUnitOfWork(HubDbContext db, BulkRecordRows bulk, RunProgress progress, DbContextOptions<HubDbContext> options) : IAsyncDisposable, IDisposable
{
    private RateLimitWaitScope? _waits;
    private long _foldedMs;
    private HubDbContext? _behindDb;

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
        await WriteAsync(db, bulk, ct);
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
        await SettleAsync();
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
        var write = Task.Run(() => WriteBehindAsync(runCopy, checkpointCopy, rows, ct), CancellationToken.None);
        Pending = new PendingCommit(write, page.Select(r => r.RemoteId), rows.Records.Where(r => r.Record.ConnectionId is null).Select(r => r.Record.ExternalId));
    }

    /// <summary>Waits for the commit behind, if any; its failure is thrown here.</summary>
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
        if (_behindDb is not null) await _behindDb.DisposeAsync();
    }

    /// <summary>For scopes disposed synchronously; the page loop never leaves a commit behind, so nothing normally waits here.</summary>
    public void Dispose()
    {
        try { Pending?.Write.GetAwaiter().GetResult(); }
        catch (Exception) { }
        Pending = null;
        _behindDb?.Dispose();
    }

    private bool OnlyProgressChanged() => db.ChangeTracker.Entries().All(e =>
        e.State == EntityState.Unchanged || (e.State == EntityState.Modified && e.Entity is SyncRun or SyncCheckpoint));

    /// <summary>A detached copy with the current values and the names of the properties the step changed.</summary>
    private static (T Entity, string[] Modified) Copy<T>(EntityEntry<T> entry) where T : class =>
        ((T)entry.CurrentValues.ToObject(), [.. entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name)]);

    private async Task WriteBehindAsync((SyncRun Entity, string[] Modified) run, (SyncCheckpoint Entity, string[] Modified) checkpoint, BulkRecordRows rows, CancellationToken ct)
    {
        var behind = _behindDb ??= new HubDbContext(options);
        Track(behind, run);
        Track(behind, checkpoint);
        await WriteAsync(behind, rows, ct);
        behind.ChangeTracker.Clear();
        progress.Publish(run.Entity);
    }

    /// <summary>One step in one transaction under the context's retry strategy: the bulk rows first, then the tracked changes.</summary>
    private static async Task WriteAsync(HubDbContext context, BulkRecordRows rows, CancellationToken ct)
    {
        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async token =>
        {
            await using var transaction = await context.Database.BeginTransactionAsync(token);
            if (!rows.IsEmpty) await BulkRecordCopy.WriteAsync((NpgsqlConnection)context.Database.GetDbConnection(), rows, token);
            await context.SaveChangesAsync(acceptAllChangesOnSuccess: false, token);
            await transaction.CommitAsync(token);
        }, ct);
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

    public Task Write { get; } = write;

    /// <summary>
    /// True when applying <paramref name="page"/> would read a row this commit writes: a record of the same remote id
    /// (its external record, link and imported host record) or a host record it creates that a reference names.
    /// Other entities' rows are not written by a bulk-only page, so reference lookups cannot be affected.
    /// </summary>
    public bool Touches(IEnumerable<RemoteRecord> page) => page.Any(r =>
        _remoteIds.Contains(r.RemoteId) || (SyncKeys.HostIdFromReference(r.Reference) is { } hostId && _hostIds.Contains(hostId)));
}
