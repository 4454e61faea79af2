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
/// </summary>
public sealed class StoreStatistics(HubDbContext db, ILogger<StoreStatistics> logger)
{
    private const int First = 5_000;
    private const int Factor = 4;

    /// <summary>True when growing from <paramref name="before"/> to <paramref name="after"/> created records passes 5,000 × 4^k for some k.</summary>
    public static bool Crossed(int before, int after)
    {
        for (long threshold = First; threshold <= after; threshold *= Factor)
            if (before < threshold) return true;
        return false;
    }

    /// <summary>Refreshes the statistics; a failure is logged, never fails the run (they only steer the planner).</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE records, record_links", ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "ANALYZE of the record store failed; page lookups keep their current plans");
        }
    }
}
