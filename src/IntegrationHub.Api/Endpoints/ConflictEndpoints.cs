using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Conflict = IntegrationHub.Core.Conflicts.Conflict;

namespace IntegrationHub.Api.Endpoints;

/// <summary>The conflicts queue: what both sides hold, and a person's resolution (one side, or a merge by field).</summary>
public static class ConflictEndpoints
{
    public const int MaxBulk = 500;

    public sealed record ConflictResponse(Guid Id, Guid ConnectionId, string Entity, string HostId, string RemoteId, string Status, string Policy,
        string[] ConflictingPaths, string? Outcome, string? Reason, DateTimeOffset HostChangedAt, DateTimeOffset ExternalChangedAt, Guid? SyncRunId,
        DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, Guid? ResolvedByUserId);
    public sealed record ConflictDetailResponse(ConflictResponse Conflict, JsonDocument? Base, JsonDocument Host, JsonDocument External, JsonDocument? Resolution);
    public sealed record ResolveRequest(string? Choose, Dictionary<string, string>? Fields, Dictionary<string, JsonNode?>? Values);
    public sealed record ResolveResponse(ConflictDetailResponse Conflict, bool PushRequired, Guid? PushRunId);
    public sealed record BulkFilter(Guid? ConnectionId, string? Entity);
    public sealed record BulkResolveRequest(Guid[]? Ids, BulkFilter? Filter, string? Choose);
    public sealed record BulkSkipped(Guid Id, string Reason);
    public sealed record BulkResolveResponse(IReadOnlyList<Guid> Resolved, IReadOnlyList<BulkSkipped> Skipped, IReadOnlyList<Guid> PushRunIds);

    public static RouteGroupBuilder MapConflictEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conflicts").WithTags("Conflicts");
        group.MapGet("/", List).WithName("ListConflicts").RequireAuthorization(TenantAccess.Read);
        group.MapGet("/{id:guid}", Get).WithName("GetConflict").RequireAuthorization(TenantAccess.Read);
        group.MapPost("/{id:guid}/resolve", Resolve).WithName("ResolveConflict").RequireAuthorization(TenantAccess.Write)
            .WithSummary("{ choose: host|external } or { choose: merged, fields: { path: host|external }, values: { path: value } }.");
        group.MapPost("/resolve-bulk", ResolveBulk).WithName("ResolveConflictsInBulk").RequireAuthorization(TenantAccess.Write)
            .WithSummary($"{{ ids: [...] | filter: {{ connectionId, entity }}, choose: host|external }}; at most {MaxBulk} open conflicts per call.");
        return api;
    }

    private static async Task<Results<Ok<PagedResult<ConflictResponse>>, ValidationProblem>> List(HubDbContext db, CancellationToken ct,
        string? status = null, Guid? connectionId = null, string? entity = null, int? page = null, int? pageSize = null)
    {
        var errors = new Dictionary<string, string[]>();
        ConflictStatus? parsed = null;
        if (status is not null)
        {
            if (Enum.TryParse<ConflictStatus>(status.Replace("_", ""), true, out var s) && !int.TryParse(status, out _)) parsed = s;
            else errors["status"] = [$"Unknown status. Known: {string.Join(", ", Enum.GetNames<ConflictStatus>())}."];
        }
        string? canonical = null;
        if (entity is not null && (canonical = CanonicalRecordInput.Entity(entity)) is null) errors["entity"] = [RecordWriteEndpoints.UnknownEntityMessage(entity)];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var query = db.Conflicts.AsNoTracking();
        if (parsed is not null) query = query.Where(c => c.Status == parsed);
        if (connectionId is not null) query = query.Where(c => c.ConnectionId == connectionId);
        if (canonical is not null) query = query.Where(c => c.Entity == canonical);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<ConflictResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<ConflictDetailResponse>, NotFound>> Get(Guid id, HubDbContext db, CancellationToken ct) =>
        await db.Conflicts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) is { } c ? TypedResults.Ok(ToDetail(c)) : TypedResults.NotFound();

    private static async Task<Results<Ok<ResolveResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Resolve(Guid id, ResolveRequest request,
        HttpContext http, HubDbContext db, ConflictResolutionService resolutions, ISyncScheduler scheduler, CancellationToken ct)
    {
        if (Parse(request) is { Errors: { } errors }) return TypedResults.ValidationProblem(errors);
        var resolution = Parse(request).Request!;
        var outcome = await db.InTransactionAsync<(Results<Ok<ResolveResponse>, NotFound, ValidationProblem, ProblemHttpResult>? Failure, Conflict? Conflict, ResolutionResult? Result)>(async () =>
        {
            var conflict = await resolutions.LockAsync(id, ct);
            if (conflict is null) return (TypedResults.NotFound(), null, null);
            if (conflict.Status != ConflictStatus.Open) return (AlreadyResolved(conflict), null, null);
            try
            {
                var result = await resolutions.ResolveAsync(conflict, resolution, http.Actor(), http.User.UserId(), ct);
                await db.SaveChangesAsync(ct);
                return (null, conflict, result);
            }
            catch (InvalidResolutionException ex)
            {
                return (TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }), null, null);
            }
        }, ct);
        if (outcome.Failure is { } failure) return failure;
        var (conflict, result) = (outcome.Conflict!, outcome.Result!);
        Guid? runId = result.ExternalMustChange
            ? (await scheduler.RequestRunAsync(new SyncRunRequest(conflict.TenantId, conflict.ConnectionId, SyncRunKind.Push, SyncTrigger.Manual, [conflict.Entity]), ct)).Id
            : null;
        return TypedResults.Ok(new ResolveResponse(ToDetail(conflict), result.ExternalMustChange, runId));
    }

    private static async Task<Results<Ok<BulkResolveResponse>, ValidationProblem>> ResolveBulk(BulkResolveRequest request,
        HttpContext http, HubDbContext db, ConflictResolutionService resolutions, ISyncScheduler scheduler, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var choice = request.Choose?.ToLowerInvariant() switch { "host" => ResolutionChoice.Host, "external" => ResolutionChoice.External, _ => (ResolutionChoice?)null };
        if (choice is null) errors["choose"] = ["'choose' must be 'host' or 'external' for a bulk resolution."];
        if ((request.Ids is null) == (request.Filter is null)) errors["ids"] = ["Give either 'ids' or 'filter'."];
        if (request.Ids is { Length: > MaxBulk }) errors["ids"] = [$"At most {MaxBulk} ids per call."];
        string? entity = null;
        if (request.Filter?.Entity is { } e && (entity = CanonicalRecordInput.Entity(e)) is null) errors["filter.entity"] = [RecordWriteEndpoints.UnknownEntityMessage(e)];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        List<Guid> ids;
        if (request.Ids is not null) ids = request.Ids.Distinct().ToList();
        else
        {
            var query = db.Conflicts.Where(c => c.Status == ConflictStatus.Open);
            if (request.Filter!.ConnectionId is { } connectionId) query = query.Where(c => c.ConnectionId == connectionId);
            if (entity is not null) query = query.Where(c => c.Entity == entity);
            ids = await query.OrderBy(c => c.Id).Select(c => c.Id).Take(MaxBulk).ToListAsync(ct);
        }

        var resolved = new List<Guid>();
        var skipped = new List<BulkSkipped>();
        var pushes = new HashSet<(Guid TenantId, Guid ConnectionId, string Entity)>();
        await db.InTransactionAsync(async () =>
        {
            (resolved, skipped, pushes) = ([], [], []);
            // Locked in id order, so two bulk calls over overlapping sets cannot deadlock.
            foreach (var id in ids.Order())
            {
                var conflict = await resolutions.LockAsync(id, ct);
                if (conflict is null) { skipped.Add(new BulkSkipped(id, "not found")); continue; }
                if (conflict.Status != ConflictStatus.Open) { skipped.Add(new BulkSkipped(id, $"already {conflict.Status.ToString().ToLowerInvariant()}")); continue; }
                var result = await resolutions.ResolveAsync(conflict, new ResolutionRequest(choice!.Value), http.Actor(), http.User.UserId(), ct);
                resolved.Add(id);
                if (result.ExternalMustChange) pushes.Add((conflict.TenantId, conflict.ConnectionId, conflict.Entity));
            }
            await db.SaveChangesAsync(ct);
            return resolved.Count;
        }, ct);
        var runs = new List<Guid>();
        foreach (var (tenantId, connectionId, pushEntity) in pushes.OrderBy(p => p.ConnectionId).ThenBy(p => p.Entity, StringComparer.Ordinal))
            runs.Add((await scheduler.RequestRunAsync(new SyncRunRequest(tenantId, connectionId, SyncRunKind.Push, SyncTrigger.Manual, [pushEntity]), ct)).Id);
        return TypedResults.Ok(new BulkResolveResponse(resolved, skipped, runs));
    }

    private sealed record Parsed(ResolutionRequest? Request, Dictionary<string, string[]>? Errors);

    private static Parsed Parse(ResolveRequest request)
    {
        var choose = request.Choose?.ToLowerInvariant() ?? (request.Fields is not null || request.Values is not null ? "merged" : null);
        var choice = choose switch
        {
            "host" => ResolutionChoice.Host,
            "external" => ResolutionChoice.External,
            "merged" => ResolutionChoice.Merged,
            _ => (ResolutionChoice?)null,
        };
        if (choice is null) return new(null, new() { ["choose"] = ["'choose' must be 'host', 'external' or 'merged'."] });
        if (choice != ResolutionChoice.Merged && (request.Fields is not null || request.Values is not null))
            return new(null, new() { ["choose"] = ["'fields' and 'values' go with 'choose': 'merged'."] });
        var fields = new Dictionary<string, ConflictSide>(StringComparer.Ordinal);
        foreach (var (path, side) in request.Fields ?? [])
        {
            if (side?.ToLowerInvariant() is not ("host" or "external")) return new(null, new() { ["fields"] = [$"The choice for '{path}' must be 'host' or 'external'."] });
            fields[path] = side.Equals("host", StringComparison.OrdinalIgnoreCase) ? ConflictSide.Host : ConflictSide.External;
        }
        return new(new ResolutionRequest(choice.Value, fields, request.Values), null);
    }

    private static ProblemHttpResult AlreadyResolved(Conflict conflict) =>
        TypedResults.Problem(title: "Conflict already resolved", statusCode: StatusCodes.Status409Conflict,
            detail: $"The conflict is {conflict.Status.ToString().ToLowerInvariant()} (outcome {conflict.Outcome}) since {conflict.ResolvedAt:O}.");

    private static ConflictResponse ToResponse(Conflict c) =>
        new(c.Id, c.ConnectionId, c.Entity, c.HostId, c.RemoteId, c.Status.ToString().ToLowerInvariant(), c.Policy.ToString(), c.ConflictingPaths,
            c.Outcome?.ToString(), c.Reason, c.HostChangedAt, c.ExternalChangedAt, c.SyncRunId, c.CreatedAt, c.ResolvedAt, c.ResolvedByUserId);

    private static ConflictDetailResponse ToDetail(Conflict c) => new(ToResponse(c), c.Base, c.Host, c.External, c.Resolution);
}
