using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Deletions a full sync held back for review (more than the entity's threshold): approve applies them, reject drops them.</summary>
public static class DeleteQuarantineEndpoints
{
    public sealed record QuarantineResponse(Guid Id, Guid ConnectionId, Guid SyncRunId, string Entity, Guid[] RecordIds, int EntityTotal, string Status,
        DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, Guid? DecidedByUserId);
    public sealed record ApproveResponse(QuarantineResponse Quarantine, int Deleted);

    public static RouteGroupBuilder MapDeleteQuarantineEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/delete-quarantines").WithTags("Conflicts");
        group.MapGet("/", List).WithName("ListDeleteQuarantines").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/{id:guid}/approve", Approve).WithName("ApproveDeleteQuarantine").RequireAuthorization(TenantAccess.Write);
        group.MapPost("/{id:guid}/reject", Reject).WithName("RejectDeleteQuarantine").RequireAuthorization(TenantAccess.Write);
        return api;
    }

    private static async Task<Results<Ok<PagedResult<QuarantineResponse>>, ValidationProblem>> List(HubDbContext db, CancellationToken ct,
        string? status = null, Guid? connectionId = null, int? page = null, int? pageSize = null)
    {
        QuarantineStatus? parsed = null;
        if (status is not null)
        {
            if (!Enum.TryParse<QuarantineStatus>(status, true, out var s) || int.TryParse(status, out _))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"Unknown status. Known: {string.Join(", ", Enum.GetNames<QuarantineStatus>())}."] });
            parsed = s;
        }
        var query = db.DeleteQuarantines.AsNoTracking();
        if (parsed is not null) query = query.Where(q => q.Status == parsed);
        if (connectionId is not null) query = query.Where(q => q.ConnectionId == connectionId);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(q => q.CreatedAt).ThenBy(q => q.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<QuarantineResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<ApproveResponse>, NotFound, ProblemHttpResult>> Approve(Guid id, HttpContext http, HubDbContext db,
        DeleteQuarantineDecisions decisions, CancellationToken ct)
    {
        return await db.InTransactionAsync<Results<Ok<ApproveResponse>, NotFound, ProblemHttpResult>>(async () =>
        {
            var quarantine = await decisions.LockAsync(id, ct);
            if (quarantine is null) return TypedResults.NotFound();
            if (quarantine.Status != QuarantineStatus.Pending) return AlreadyDecided(quarantine);
            var deleted = await decisions.ApproveAsync(quarantine, http.Actor(), http.User.UserId(), ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new ApproveResponse(ToResponse(quarantine), deleted));
        }, ct);
    }

    private static async Task<Results<Ok<QuarantineResponse>, NotFound, ProblemHttpResult>> Reject(Guid id, HttpContext http, HubDbContext db,
        DeleteQuarantineDecisions decisions, CancellationToken ct)
    {
        return await db.InTransactionAsync<Results<Ok<QuarantineResponse>, NotFound, ProblemHttpResult>>(async () =>
        {
            var quarantine = await decisions.LockAsync(id, ct);
            if (quarantine is null) return TypedResults.NotFound();
            if (quarantine.Status != QuarantineStatus.Pending) return AlreadyDecided(quarantine);
            decisions.Reject(quarantine, http.Actor(), http.User.UserId());
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(ToResponse(quarantine));
        }, ct);
    }

    private static ProblemHttpResult AlreadyDecided(DeleteQuarantine q) =>
        TypedResults.Problem(title: "Quarantine already decided", statusCode: StatusCodes.Status409Conflict,
            detail: $"These deletions were already {q.Status.ToString().ToLowerInvariant()} at {q.DecidedAt:O}.");

    private static QuarantineResponse ToResponse(DeleteQuarantine q) =>
        new(q.Id, q.ConnectionId, q.SyncRunId, q.Entity, q.RecordIds, q.EntityTotal, q.Status.ToString().ToLowerInvariant(), q.CreatedAt, q.DecidedAt, q.DecidedByUserId);
}
