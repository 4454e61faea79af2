using Hangfire;
using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>GET /api/v1/admin/metrics: queue depth, hourly throughput and per-provider error rates and durations, for operators only.</summary>
public static class OperatorMetricsEndpoints
{
    public const int MaxHours = 168;

    public static RouteGroupBuilder MapOperatorMetricsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGroup("/admin/metrics").WithTags("Operator").RequireAuthorization(TenantAccess.Operator)
            .MapGet("/", Get).WithName("GetOperatorMetrics")
            .WithSummary("Queue depth, runs finished per hour and each provider's error rate and run durations over the last `hours` (default 24, at most 168).");
        return api;
    }

    private static async Task<Results<Ok<OperatorMetrics.Report>, ValidationProblem>> Get(HubDbContext db, ConnectorCatalog catalog, JobStorage storage,
        TimeProvider clock, CancellationToken ct, int? hours = null)
    {
        var window = hours ?? 24;
        if (window is < 1 or > MaxHours)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = [$"hours must be between 1 and {MaxHours}; it was {window}."] });

        var now = clock.GetUtcNow();
        var since = now.AddHours(-window);
        // Operators cross tenants by design: the tenant filter is lifted here for runs and connections.
        var runs = db.SyncRuns.IgnoreQueryFilters().AsNoTracking();
        var queued = await runs.CountAsync(r => r.Status == SyncRunStatus.Queued, ct);
        var running = await runs.CountAsync(r => r.Status == SyncRunStatus.Running, ct);
        var finished = await runs.Where(r => r.FinishedAt != null && r.FinishedAt >= since)
            .Join(db.Connections.IgnoreQueryFilters(), r => r.ConnectionId, c => c.Id, (r, c) => new OperatorMetrics.FinishedRun(
                c.Provider, r.Status, r.StartedAt, r.FinishedAt!.Value, r.Processed, r.RateLimitWaitMs))
            .ToListAsync(ct);

        var stats = storage.GetMonitoringApi().GetStatistics();
        var queue = new OperatorMetrics.QueueDepth(queued, running, stats.Enqueued, stats.Processing, stats.Scheduled, stats.Failed, stats.Servers);
        return TypedResults.Ok(new OperatorMetrics.Report(since, window, queue, OperatorMetrics.Throughput(finished, now, window),
            OperatorMetrics.Providers(finished, p => catalog.Find(p)?.Name ?? p)));
    }
}
