using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Jobs;

/// <summary>
/// The dead-letter queue: sync runs whose job failed for good (after the retry policy gave up, or at once for
/// auth, validation and permanent errors), and redrive. Tenants see and redrive their own; operators any tenant's.
/// </summary>
public static class JobEndpoints
{
    public sealed record DeadLetterResponse(string JobId, Guid RunId, Guid ConnectionId, string[] Entities, string Kind, string Trigger,
        DateTimeOffset? FailedAt, int Attempts, string? Error);
    public sealed record OperatorDeadLetterResponse(Guid TenantId, string JobId, Guid RunId, Guid ConnectionId, string[] Entities, string Kind, string Trigger,
        DateTimeOffset? FailedAt, int Attempts, string? Error);
    public sealed record RedriveRequest(string[]? JobIds, bool? All);
    public sealed record RedriveResponse(IReadOnlyList<string> Requeued, IReadOnlyList<string> NotFound);

    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        var tenant = api.MapGroup("/dead-letter").WithTags("Jobs");
        tenant.MapGet("/", List).WithName("ListDeadLetters").RequireAuthorization(TenantAccess.Read);
        tenant.MapPost("/redrive", Redrive).WithName("RedriveDeadLetters").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("Requeues failed jobs: { jobIds: [...] } or { all: true }. Each run goes back to queued with a fresh attempt budget.");

        var ops = api.MapGroup("/admin/dead-letter").WithTags("Operator").RequireAuthorization(TenantAccess.Operator);
        ops.MapGet("/", OperatorList).WithName("ListDeadLettersAsOperator");
        ops.MapPost("/redrive", OperatorRedrive).WithName("RedriveDeadLettersAsOperator");
        return api;
    }

    private static async Task<Ok<PagedResult<DeadLetterResponse>>> List(HubDbContext db, DeadLetters deadLetters, CancellationToken ct, int? page = null, int? pageSize = null)
    {
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await DeadLetters.Failed(db.SyncRuns).CountAsync(ct);
        var items = (await deadLetters.ListAsync(db.SyncRuns, (p - 1) * size, size, ct))
            .Select(d => new DeadLetterResponse(d.JobId, d.RunId, d.ConnectionId, d.Entities, d.Kind, d.Trigger, d.FailedAt, d.Attempts, d.Error)).ToList();
        return TypedResults.Ok(new PagedResult<DeadLetterResponse>(items, p, size, total));
    }

    private static async Task<Ok<PagedResult<OperatorDeadLetterResponse>>> OperatorList(HubDbContext db, DeadLetters deadLetters, CancellationToken ct,
        Guid? tenantId = null, int? page = null, int? pageSize = null)
    {
        var runs = OperatorRuns(db, tenantId);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await DeadLetters.Failed(runs).CountAsync(ct);
        var items = (await deadLetters.ListAsync(runs, (p - 1) * size, size, ct))
            .Select(d => new OperatorDeadLetterResponse(d.TenantId, d.JobId, d.RunId, d.ConnectionId, d.Entities, d.Kind, d.Trigger, d.FailedAt, d.Attempts, d.Error)).ToList();
        return TypedResults.Ok(new PagedResult<OperatorDeadLetterResponse>(items, p, size, total));
    }

    private static IQueryable<SyncRun> OperatorRuns(HubDbContext db, Guid? tenantId)
    {
        var runs = db.SyncRuns.IgnoreQueryFilters();
        return tenantId is { } t ? runs.Where(r => r.TenantId == t) : runs;
    }

    private static Task<Results<Ok<RedriveResponse>, ValidationProblem>> Redrive(RedriveRequest request, HttpContext http, HubDbContext db, DeadLetters deadLetters, CancellationToken ct) =>
        RedriveAsync(request, http, db.SyncRuns, deadLetters, ct);

    private static Task<Results<Ok<RedriveResponse>, ValidationProblem>> OperatorRedrive(RedriveRequest request, HttpContext http, HubDbContext db, DeadLetters deadLetters,
        CancellationToken ct, Guid? tenantId = null) =>
        RedriveAsync(request, http, OperatorRuns(db, tenantId), deadLetters, ct);

    private static async Task<Results<Ok<RedriveResponse>, ValidationProblem>> RedriveAsync(RedriveRequest request, HttpContext http, IQueryable<SyncRun> runs,
        DeadLetters deadLetters, CancellationToken ct)
    {
        var ids = request.JobIds?.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct().ToArray() ?? [];
        if (request.All == true && ids.Length > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["all"] = ["Give either jobIds or all: true, not both."] });
        if (request.All != true && ids.Length == 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["jobIds"] = ["Give the jobIds to redrive, or all: true."] });
        if (ids.Length > DeadLetters.MaxBatch || ids.Any(id => id.Length > 64))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["jobIds"] = [$"At most {DeadLetters.MaxBatch} job ids of at most 64 characters."] });

        var result = await deadLetters.RedriveAsync(runs, request.All == true ? null : ids, http.Actor(), ct);
        return TypedResults.Ok(new RedriveResponse(result.Requeued, result.NotFound));
    }
}
