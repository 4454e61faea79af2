using System.Text.Json;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class AuditEndpoints
{
    public sealed record AuditEventResponse(long Id, DateTimeOffset OccurredAt, string Action, string ActorType, string? ActorId,
        string? ActorName, string? TargetType, string? TargetId, JsonDocument? Data, string? IpAddress);

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListEvents).WithTags("Audit").WithName("ListAuditEvents").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("The tenant's audit trail, newest first; filter by action (prefix match), actor and time range.");
        return api;
    }

    private static async Task<Ok<PagedResult<AuditEventResponse>>> ListEvents(HttpContext http, HubDbContext db, CancellationToken ct,
        string? action = null, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null, int? page = null, int? pageSize = null)
    {
        // Audit rows may be platform-wide (null tenant), so they are not ITenantOwned: the tenant condition is explicit here.
        var tenantId = http.User.TenantId();
        var query = db.AuditEvents.AsNoTracking().Where(e => e.TenantId == tenantId);
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action.StartsWith(action));
        if (!string.IsNullOrWhiteSpace(actor)) query = query.Where(e => e.ActorName != null && EF.Functions.ILike(e.ActorName, "%" + actor + "%"));
        if (from is not null) query = query.Where(e => e.OccurredAt >= from);
        if (to is not null) query = query.Where(e => e.OccurredAt < to);

        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size)
            .Select(e => new AuditEventResponse(e.Id, e.OccurredAt, e.Action, e.ActorType, e.ActorId, e.ActorName, e.TargetType, e.TargetId, e.Data, e.IpAddress))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<AuditEventResponse>(items, p, size, total));
    }
}
