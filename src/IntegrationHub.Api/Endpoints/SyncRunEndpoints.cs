using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Sync history: runs with their counts, timing, rate-limit waits and failures, and a live progress stream.</summary>
public static class SyncRunEndpoints
{
    public const int MaxFailuresShown = 500;
    /// <summary>How often the progress stream re-reads the run row; the runner updates it after every page.</summary>
    public static readonly TimeSpan ProgressPollInterval = TimeSpan.FromMilliseconds(500);

    public sealed record SyncRunResponse(Guid Id, Guid ConnectionId, string Trigger, string Kind, string[] Entities, string Status,
        Dictionary<string, EntityCounts> Counts, int Pages, long RateLimitWaitMs, int Processed, int? ExpectedTotal, int? ProgressPercent,
        string? Error, int Attempts, DateTimeOffset QueuedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? DurationMs);
    /// <summary>A failed record; <paramref name="Fields"/> lists each field and reason when the failure is a field-mapping or pre-push validation failure (else null).</summary>
    public sealed record RecordFailureResponse(long Id, string Entity, string RecordKey, string ErrorClass, string Message, string? ProviderCode, DateTimeOffset CreatedAt,
        IReadOnlyList<FieldError>? Fields);
    public sealed record SyncRunDetailResponse(SyncRunResponse Run, IReadOnlyList<RecordFailureResponse> Failures, int FailureCount);
    public sealed record SyncRunProgress(Guid Id, string Status, int Processed, int? ExpectedTotal, int? ProgressPercent, int Pages,
        long RateLimitWaitMs, Dictionary<string, EntityCounts> Counts, string? Error, bool Finished);

    public static RouteGroupBuilder MapSyncRunEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sync-runs").WithTags("Sync runs");
        group.MapGet("/", List).WithName("ListSyncRuns").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetSyncRun").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}/progress", Progress).WithName("SyncRunProgress").RequireAuthorization(TenantAccess.Read)
            .WithSummary("Server-Sent Events: a 'progress' event whenever the run changes, a final 'finished' event when it ends.");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<SyncRunResponse>>, ValidationProblem>> List(HubDbContext db, CancellationToken ct,
        Guid? connectionId = null, string? status = null, int? page = null, int? pageSize = null)
    {
        SyncRunStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<SyncRunStatus>(status.Replace("_", ""), ignoreCase: true, out var s) || int.TryParse(status, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"Unknown status. Known: {string.Join(", ", Enum.GetNames<SyncRunStatus>())}."] });
            parsed = s;
        }
        var query = db.SyncRuns.AsNoTracking();
        if (connectionId is not null) query = query.Where(r => r.ConnectionId == connectionId);
        if (parsed is not null) query = query.Where(r => r.Status == parsed);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(r => r.QueuedAt).ThenByDescending(r => r.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<SyncRunResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<SyncRunDetailResponse>, NotFound>> Get(Guid id, HubDbContext db, CancellationToken ct)
    {
        var run = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null) return TypedResults.NotFound();
        var failures = db.RecordFailures.AsNoTracking().Where(f => f.SyncRunId == id);
        var count = await failures.CountAsync(ct);
        var shown = (await failures.OrderBy(f => f.Id).Take(MaxFailuresShown).ToListAsync(ct))
            .Select(f => new RecordFailureResponse(f.Id, f.Entity, f.RecordKey, f.ErrorClass.ToString(), f.Message, f.ProviderCode, f.CreatedAt,
                f.Fields.Count == 0 ? null : f.Fields)).ToList();
        return TypedResults.Ok(new SyncRunDetailResponse(ToResponse(run), shown, count));
    }

    private static async Task<Results<ServerSentEventsResult<SyncRunProgress>, NotFound>> Progress(Guid id, HubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.SyncRuns.AnyAsync(r => r.Id == id, ct)) return TypedResults.NotFound();
        return TypedResults.ServerSentEvents(Watch(id, db, clock, ct));
    }

    private static async IAsyncEnumerable<SseItem<SyncRunProgress>> Watch(Guid id, HubDbContext db, TimeProvider clock, [EnumeratorCancellation] CancellationToken ct)
    {
        SyncRunProgress? last = null;
        while (!ct.IsCancellationRequested)
        {
            var run = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
            if (run is null) yield break;
            var progress = ToProgress(run);
            if (last is null || !Same(last, progress))
            {
                yield return new SseItem<SyncRunProgress>(progress, progress.Finished ? "finished" : "progress") { EventId = $"{run.Processed}-{run.Pages}-{run.Status}" };
                last = progress;
            }
            if (progress.Finished) yield break;
            await Task.Delay(ProgressPollInterval, clock, ct);
        }
    }

    private static bool Same(SyncRunProgress a, SyncRunProgress b) =>
        a.Status == b.Status && a.Processed == b.Processed && a.Pages == b.Pages && a.ExpectedTotal == b.ExpectedTotal
        && a.RateLimitWaitMs == b.RateLimitWaitMs && a.Error == b.Error;

    internal static bool IsFinished(SyncRunStatus status) =>
        status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors or SyncRunStatus.Failed or SyncRunStatus.Cancelled;

    /// <summary>Processed out of the expected total when the provider tells it; 100 once finished; unknown otherwise.</summary>
    internal static int? Percent(SyncRun run) =>
        IsFinished(run.Status) ? 100
        : run.ExpectedTotal is > 0 and var total ? (int)Math.Min(99, run.Processed * 100L / total)
        : run.Status == SyncRunStatus.Queued ? 0 : null;

    private static SyncRunProgress ToProgress(SyncRun r) =>
        new(r.Id, Name(r.Status), r.Processed, r.ExpectedTotal, Percent(r), r.Pages, r.RateLimitWaitMs, r.Counts, r.Error, IsFinished(r.Status));

    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static SyncRunResponse ToResponse(SyncRun r) =>
        new(r.Id, r.ConnectionId, Name(r.Trigger), Name(r.Kind), r.Entities, Name(r.Status), r.Counts, r.Pages, r.RateLimitWaitMs, r.Processed,
            r.ExpectedTotal, Percent(r), r.Error, r.Attempts, r.QueuedAt, r.StartedAt, r.FinishedAt, r.DurationMs);
}
