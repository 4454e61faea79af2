using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Writes the queued run in the caller's unit of work (its transaction when it has one). The Hangfire job is created
/// from the committed row by <see cref="SyncRunDispatcher"/>: right away when no outer transaction is open, otherwise
/// by the dispatch loop once the caller commits. A rolled-back request leaves no row and so never becomes a job; a
/// process dying after the commit leaves a row that the next dispatch picks up.
/// </summary>
public sealed class SyncScheduler(HubDbContext db, SyncRunDispatcher dispatcher) : ISyncScheduler
{
    public async Task<SyncRun> RequestRunAsync(SyncRunRequest request, CancellationToken ct)
    {
        var connection = await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == request.ConnectionId && c.TenantId == request.TenantId, ct)
            ?? throw new SyncRequestException($"Connection {request.ConnectionId} does not exist.");
        if (connection.Status != ConnectionStatus.Active)
            throw new SyncRequestException($"The connection is {connection.Status}, not active; it cannot sync.");

        var entities = request.Entities is { Count: > 0 } chosen
            ? chosen.Distinct(StringComparer.Ordinal).ToArray()
            : await db.SyncConfigs.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.ConnectionId == request.ConnectionId && c.TenantId == request.TenantId && c.Enabled)
                .Select(c => c.Entity).ToArrayAsync(ct);
        if (entities.Length == 0) throw new SyncRequestException("No entity is enabled for sync on this connection; configure one first.");
        var order = CanonicalEntities.SyncOrder;
        entities = [.. entities.OrderBy(e => order.Contains(e) ? order.ToList().IndexOf(e) : int.MaxValue).ThenBy(e => e, StringComparer.Ordinal)];

        var run = new SyncRun
        {
            TenantId = request.TenantId, ConnectionId = request.ConnectionId, Kind = request.Kind, Trigger = request.Trigger, Entities = entities,
        };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        if (db.Database.CurrentTransaction is null)
        {
            await dispatcher.DispatchAsync(run.Id, ct);
            run.JobId = await db.SyncRuns.IgnoreQueryFilters().Where(r => r.Id == run.Id).Select(r => r.JobId).FirstAsync(ct);
        }
        return run;
    }
}

/// <summary>The request cannot be honoured (unknown or inactive connection, nothing to sync); the message says why.</summary>
public sealed class SyncRequestException(string message) : Exception(message);
