using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Operators see whether events flow: how many outbox events wait for the relay and how old the oldest is (the lag).</summary>
public static class OperatorEventEndpoints
{
    public sealed record OutboxStatus(int Unpublished, DateTimeOffset? OldestUnpublishedAt, double LagSeconds);

    public static RouteGroupBuilder MapOperatorEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/admin/events/outbox", Outbox).WithTags("Operator").WithName("OutboxStatus").RequireAuthorization(TenantAccess.Operator);
        return api;
    }

    private static async Task<Ok<OutboxStatus>> Outbox(HubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var unpublished = db.OutboxEvents.Where(e => e.PublishedAt == null);
        var count = await unpublished.CountAsync(ct);
        var oldest = await unpublished.OrderBy(e => e.Id).Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(ct);
        var lag = oldest is { } o ? Math.Max(0, (clock.GetUtcNow() - o).TotalSeconds) : 0;
        return TypedResults.Ok(new OutboxStatus(count, oldest, lag));
    }
}
