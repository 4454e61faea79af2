using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Testing;

/// <summary>
/// A real, minimal <see cref="ISyncScheduler"/> for tests of code that requests runs: it writes the queued SyncRun row
/// (in the caller's DbContext, so inside the caller's transaction) and nothing else. The product registers the Hangfire
/// scheduler; tests assert on the rows this one writes.
/// </summary>
public sealed class QueuedRunScheduler(HubDbContext db, TimeProvider clock) : ISyncScheduler
{
    public async Task<SyncRun> RequestRunAsync(SyncRunRequest request, CancellationToken ct)
    {
        var run = new SyncRun
        {
            TenantId = request.TenantId, ConnectionId = request.ConnectionId, Kind = request.Kind, Trigger = request.Trigger,
            Entities = request.Entities?.ToArray() ?? [], QueuedAt = clock.GetUtcNow(),
        };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }
}
