using System.Text.Json;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>The inbound webhook log of a connection (received, processed, ignored, failed with reason) and replay of one stored event.</summary>
public static class InboundEventEndpoints
{
    public sealed record InboundEventResponse(long Id, string Source, string Type, string Status, int Attempts, string? Error,
        DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt, JsonElement Payload);

    public static RouteGroupBuilder MapInboundEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/connections/{id:guid}/inbound-events", List).WithTags("Webhooks").WithName("ListInboundEvents").RequireAuthorization(TenantAccess.Read)
            .WithSummary("Provider webhooks received for this connection, newest first; status = received|processing|processed|failed|ignored.");
        api.MapPost("/inbound-events/{eventId:long}/replay", Replay).WithTags("Webhooks").WithName("ReplayInboundEvent").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("Processes a stored event again (it goes back to received).");
        return api;
    }

    private static InboundEventResponse ToResponse(InboxEvent e) => new(e.Id, e.Source, e.Type, JsonNamingPolicy.CamelCase.ConvertName(e.Status.ToString()),
        e.Attempts, e.Error, e.ReceivedAt, e.ProcessedAt, e.NextAttemptAt, e.Payload.RootElement.Clone());

    private static async Task<Results<Ok<PagedResult<InboundEventResponse>>, NotFound, ValidationProblem>> List(Guid id, HubDbContext db, CancellationToken ct,
        string? status = null, int? page = null, int? pageSize = null)
    {
        if (!await db.Connections.AnyAsync(c => c.Id == id, ct)) return TypedResults.NotFound();
        var query = db.InboxEvents.AsNoTracking().Where(e => e.ConnectionId == id);
        if (status is not null)
        {
            if (!Enum.TryParse<InboxStatus>(status, ignoreCase: true, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"One of: {string.Join(", ", Enum.GetNames<InboxStatus>())}."] });
            query = query.Where(e => e.Status == parsed);
        }
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<InboundEventResponse>(items.Select(ToResponse).ToList(), p, size, total));
    }

    private static async Task<Results<Accepted<InboundEventResponse>, NotFound>> Replay(long eventId, HubDbContext db, CancellationToken ct)
    {
        var e = await db.InboxEvents.FirstOrDefaultAsync(x => x.Id == eventId && x.Source != "host", ct);
        if (e is null) return TypedResults.NotFound();
        e.Status = InboxStatus.Received;
        e.Error = null;
        e.NextAttemptAt = null;
        e.ProcessedAt = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/v1/connections/{e.ConnectionId}/inbound-events", ToResponse(e));
    }
}
