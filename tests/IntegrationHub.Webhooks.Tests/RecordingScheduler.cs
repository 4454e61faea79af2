using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>
/// A real, minimal <see cref="ISyncScheduler"/> for this branch (the Hangfire one is built elsewhere): it writes the
/// queued SyncRun row, exactly what the engine's scheduler persists, and can be told to refuse (a queue outage).
/// </summary>
public sealed class RecordingScheduler(IServiceScopeFactory scopes) : ISyncScheduler
{
    public string? RefuseWith { get; set; }

    public async Task<SyncRun> RequestRunAsync(SyncRunRequest request, CancellationToken ct)
    {
        if (RefuseWith is { } reason) throw new InvalidOperationException(reason);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var run = new SyncRun
        {
            TenantId = request.TenantId, ConnectionId = request.ConnectionId, Kind = request.Kind, Trigger = request.Trigger,
            Entities = request.Entities?.ToArray() ?? [], Status = SyncRunStatus.Queued,
        };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }
}
