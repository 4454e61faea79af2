using Hangfire;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Jobs;

/// <summary>How long history is kept: <c>Sync:RunRetention</c> and <c>Records:TombstoneRetention</c>, three years by default.</summary>
public sealed class RetentionOptions
{
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(3 * 365);
    public TimeSpan TombstoneRetention { get; set; } = TimeSpan.FromDays(3 * 365);
    public int BatchSize { get; set; } = 5000;
}

/// <summary>
/// Daily: deletes finished sync runs (and their record failures) older than the run retention, and purges records
/// tombstoned longer than the tombstone retention (their versions go with them). Set-based, in batches, so no single
/// statement holds locks on millions of rows.
/// </summary>
public sealed class RetentionJob(HubDbContext db, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
{
    public const string Id = "maintenance:retention";
    public const string Cron = "43 3 * * *";

    [JobDisplayName("Retention")]
    public async Task RunAsync(CancellationToken ct)
    {
        var (runs, tombstones) = await PurgeAsync(ct);
        logger.LogInformation("Retention: deleted {Runs} sync run(s) and {Tombstones} tombstoned record(s)", runs, tombstones);
    }

    public async Task<(int Runs, int Tombstones)> PurgeAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var runCutoff = now - o.RunRetention;
        var tombstoneCutoff = now - o.TombstoneRetention;
        var (runs, tombstones) = (0, 0);
        while (true)
        {
            var batch = db.SyncRuns.IgnoreQueryFilters()
                .Where(r => r.QueuedAt < runCutoff && r.Status != SyncRunStatus.Queued && r.Status != SyncRunStatus.Running)
                .OrderBy(r => r.QueuedAt).Select(r => r.Id).Take(o.BatchSize);
            await db.RecordFailures.IgnoreQueryFilters().Where(f => batch.Contains(f.SyncRunId)).ExecuteDeleteAsync(ct);
            var deleted = await db.SyncRuns.IgnoreQueryFilters().Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
            runs += deleted;
            if (deleted < o.BatchSize) break;
        }
        while (true)
        {
            var batch = db.Records.IgnoreQueryFilters().Where(r => r.DeletedAt != null && r.DeletedAt < tombstoneCutoff)
                .OrderBy(r => r.DeletedAt).Select(r => r.Id).Take(o.BatchSize);
            var deleted = await db.Records.IgnoreQueryFilters().Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
            tombstones += deleted;
            if (deleted < o.BatchSize) break;
        }
        return (runs, tombstones);
    }
}
