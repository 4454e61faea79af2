using System.Text.Json;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>
/// Turns stored provider webhooks into work: claims a batch of inbox rows (FOR UPDATE SKIP LOCKED, so several workers
/// share the inbox), and per connection requests one incremental run of the changed entities through the scheduler
/// (the engine fetches them through the connector, under the connection's rate budget). Rows end Processed, Ignored
/// (nothing the hub syncs), or Failed with the reason and a next attempt on a growing backoff.
/// </summary>
public sealed class InboxProcessor(IServiceScopeFactory scopes, TimeProvider clock, ILogger<InboxProcessor> logger)
{
    public const int BatchSize = 200;
    /// <summary>How long a claimed row stays claimed; a worker that dies mid-batch releases its rows after this.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    private const string ClaimSql = """
        UPDATE inbox_events SET status = 'Processing', attempts = attempts + 1, next_attempt_at = {0}
        WHERE id IN (
            SELECT id FROM inbox_events
            WHERE source <> 'host'
              AND (status = 'Received' OR (status IN ('Failed', 'Processing') AND next_attempt_at <= {1}))
            ORDER BY id LIMIT {2}
            FOR UPDATE SKIP LOCKED)
        RETURNING id AS "Value"
        """;

    /// <summary>Processes one batch; returns how many rows it claimed (0 = nothing to do).</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var now = clock.GetUtcNow();
        var ids = await db.Database.SqlQueryRaw<long>(ClaimSql, now + Lease, now, BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var events = await db.InboxEvents.IgnoreQueryFilters().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
        var scheduler = scope.ServiceProvider.GetService<ISyncScheduler>();
        foreach (var group in events.GroupBy(e => (e.TenantId, e.ConnectionId)))
        {
            var entities = group.Select(Entity).OfType<string>().Distinct().ToList();
            foreach (var ignored in group.Where(e => Entity(e) is null)) Finish(ignored, InboxStatus.Ignored, "not an entity the hub syncs");
            var work = group.Where(e => Entity(e) is not null).ToList();
            if (work.Count == 0) continue;
            try
            {
                if (group.Key.ConnectionId is not { } connectionId) throw new InvalidOperationException("The event has no connection.");
                if (scheduler is null) throw new InvalidOperationException("No sync scheduler is registered in this process.");
                await scheduler.RequestRunAsync(new SyncRunRequest(group.Key.TenantId, connectionId, SyncRunKind.Incremental, SyncTrigger.Webhook, entities), ct);
                foreach (var e in work) Finish(e, InboxStatus.Processed, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning("Inbox events for connection {ConnectionId} failed (attempt {Attempt}): {Reason}", group.Key.ConnectionId, work[0].Attempts, ex.Message);
                foreach (var e in work) Fail(e, ex.Message, now);
            }
        }
        await db.SaveChangesAsync(ct);
        return ids.Count;
    }

    private void Finish(InboxEvent e, InboxStatus status, string? reason)
    {
        e.Status = status;
        e.Error = reason;
        e.ProcessedAt = clock.GetUtcNow();
        e.NextAttemptAt = null;
    }

    /// <summary>Failed with a next attempt while the backoff lasts; after the last one it stays Failed with no next attempt (replay re-drives it).</summary>
    private static void Fail(InboxEvent e, string reason, DateTimeOffset now)
    {
        e.Status = InboxStatus.Failed;
        e.Error = reason.Length > 2000 ? reason[..2000] : reason;
        e.NextAttemptAt = e.Attempts <= Backoff.Count ? now + Backoff[e.Attempts - 1] : null;
    }

    private static string? Entity(InboxEvent e) =>
        e.Payload.RootElement.TryGetProperty("entity", out var entity) && entity.ValueKind == JsonValueKind.String ? entity.GetString() : null;
}
