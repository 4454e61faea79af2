using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Jobs;

/// <summary>Keeps the run row in step with the job: queued again with the error on retry, failed (the dead-letter) with an event otherwise.</summary>
public sealed class SyncRunOutcomes(IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task RecordAsync(Guid runId, Guid tenantId, RetryDecision decision, string error, CancellationToken ct)
    {
        // Two runs of one connection failing on auth together both mark the connection; the loser of the row-version
        // race re-reads it, finds it already marked, and records only its run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RecordOnceAsync(runId, tenantId, decision, error, ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }
    }

    private async Task RecordOnceAsync(Guid runId, Guid tenantId, RetryDecision decision, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var run = await db.SyncRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return;
        run.Error = error;
        if (decision.Action == RetryAction.Retry)
        {
            run.Status = SyncRunStatus.Queued;
            if (!decision.CountsAsAttempt) run.Attempts = Math.Max(0, run.Attempts - 1);
            await db.SaveChangesAsync(ct);
            return;
        }

        run.Status = SyncRunStatus.Failed;
        run.FinishedAt = clock.GetUtcNow();
        db.Emit(tenantId, EventTypes.SyncRunFailed, new
        {
            runId, connectionId = run.ConnectionId, entities = run.Entities, errorClass = decision.Class.ToString(), error, attempts = run.Attempts,
        });
        if (decision.Class == ErrorClass.Auth) await MarkNeedsReauthAsync(db, run.ConnectionId, error, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Marks the connection once; a connection already waiting for re-authorisation emits nothing new.</summary>
    private static async Task MarkNeedsReauthAsync(HubDbContext db, Guid connectionId, string error, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == connectionId, ct);
        if (connection is null || connection.Status == ConnectionStatus.NeedsReauth) return;
        var reason = $"The provider refused the credentials during a sync ({error}); reconnect to continue.";
        connection.Status = ConnectionStatus.NeedsReauth;
        connection.StatusReason = reason.Length <= 500 ? reason : reason[..500];
        db.Audit(connection.TenantId, AuditActions.ConnectionNeedsReauth, AuditActor.System, "connection", connection.Id.ToString(), new { connection.Provider, reason });
        db.Emit(connection.TenantId, EventTypes.ConnectionNeedsReauth, new { connectionId = connection.Id, connection.Provider, reason });
    }
}
