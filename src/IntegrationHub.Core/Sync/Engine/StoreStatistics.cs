using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Keeps PostgreSQL's statistics of the record store in step with a pull that grows it fast. A page's lookups (its
/// records by external id, their host records, links) are planned from table statistics; while a connection's rows
/// are new to them (a first full sync into a fresh store, or a new tenant in a large one) the planner takes the
/// connection's rows for one, scans all of them on another index with the ids as a filter and gets slower with every
/// page (B1 measured 7.7 million index tuples fetched for 80,000 invoices). Autovacuum does not catch up within a run:
/// it looks at a database once a minute and only after 10 % of a table has changed. So the run itself runs ANALYZE on
/// the two tables once it has created 5,000, 20,000, 80,000… records of an entity, after which the plan is the
/// unique-key lookup. ANALYZE samples a fixed number of rows, so each costs about the same however large the store is.
/// It runs behind the pull on a connection of its own (it locks nothing the pages write, and plans change as soon as it
/// ends); the pull waits for it only when it ends, or when the next threshold comes first.
/// </summary>
public sealed class StoreStatistics(DbContextOptions<HubDbContext> options, ILogger<StoreStatistics> logger) : IAsyncDisposable
{
    private const int First = 5_000;
    private const int Factor = 4;

    /// <summary>
    /// Only the columns the lookups filter on (the indexed ones): sampling the JSON columns too made each ANALYZE cost
    /// about a second of PostgreSQL CPU, mostly sorting jsonb values for statistics no query uses.
    /// </summary>
    public const string Analyze = "ANALYZE records (tenant_id, connection_id, entity, external_id, last_seen_run_id, updated_at), "
        + "record_links (connection_id, entity, host_id, remote_id)";

    private Task _running = Task.CompletedTask;

    /// <summary>True when growing from <paramref name="before"/> to <paramref name="after"/> created records passes 5,000 × 4^k for some k.</summary>
    public static bool Crossed(int before, int after)
    {
        for (long threshold = First; threshold <= after; threshold *= Factor)
            if (before < threshold) return true;
        return false;
    }

    /// <summary>Starts a refresh behind the caller (after the previous one, if it still runs).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        await _running;
        _running = Task.Run(() => AnalyzeAsync(ct), CancellationToken.None);
    }

    /// <summary>Waits for the refresh started last, if any.</summary>
    public Task SettleAsync() => _running;

    public async ValueTask DisposeAsync() => await _running;

    /// <summary>A failure is logged, never fails the run (the statistics only steer the planner).</summary>
    private async Task AnalyzeAsync(CancellationToken ct)
    {
        try
        {
            await using var db = new HubDbContext(options);
            await db.Database.ExecuteSqlRawAsync(Analyze, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "ANALYZE of the record store failed; page lookups keep their current plans");
        }
        catch (OperationCanceledException)
        {
            // The run is being stopped; the statistics wait for the next run.
        }
    }
}
