using System.Text.Json;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>The delivery log: messages per endpoint (filter by status, type, time), their attempts, resend one, recover a range.</summary>
public static class WebhookMessageEndpoints
{
    public sealed record MessageResponse(long Id, string MessageId, Guid EndpointId, Guid EventId, string EventType, string Status, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError,
        JsonElement? Payload);
    public sealed record AttemptResponse(long Id, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? ResponseBody, string? Error);
    public sealed record RecoverRequest(DateTimeOffset Since, DateTimeOffset? Until);
    public sealed record RecoverResponse(int Requeued);

    public static RouteGroupBuilder MapWebhookMessageEndpoints(this RouteGroupBuilder api)
    {
        var endpoints = api.MapGroup("/webhook-endpoints/{id:guid}").WithTags("Webhooks");
        endpoints.MapGet("/messages", List).WithName("ListWebhookMessages").RequireAuthorization(TenantAccess.Read)
            .WithSummary("Messages to this endpoint, newest first; status = pending|sending|succeeded|failed|deadLettered, eventType, since, until.");
        endpoints.MapPost("/recover", Recover).WithName("RecoverWebhookMessages").RequireAuthorization(TenantAccess.Admin)
            .WithSummary("Re-sends every failed or dead-lettered message created in [since, until).");
        var messages = api.MapGroup("/webhook-messages/{messageId:long}").WithTags("Webhooks");
        messages.MapGet("/attempts", Attempts).WithName("ListWebhookAttempts").RequireAuthorization(TenantAccess.Read);
        messages.MapPost("/resend", Resend).WithName("ResendWebhookMessage").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    private static MessageResponse ToResponse(WebhookMessage m, bool withPayload) => new(m.Id, m.MessageId, m.EndpointId, m.EventId, m.EventType,
        JsonNamingPolicy.CamelCase.ConvertName(m.Status.ToString()), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.DeliveredAt, m.LastStatusCode, m.LastError,
        withPayload ? JsonDocument.Parse(m.Body).RootElement.Clone() : null);

    private static async Task<Results<Ok<PagedResult<MessageResponse>>, NotFound, ValidationProblem>> List(Guid id, HubDbContext db, CancellationToken ct,
        string? status = null, string? eventType = null, DateTimeOffset? since = null, DateTimeOffset? until = null, int? page = null, int? pageSize = null)
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct)) return TypedResults.NotFound();
        var query = db.WebhookMessages.AsNoTracking().Where(m => m.EndpointId == id);
        if (status is not null)
        {
            if (!Enum.TryParse<WebhookMessageStatus>(status, ignoreCase: true, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"One of: {string.Join(", ", Enum.GetNames<WebhookMessageStatus>())}."] });
            query = query.Where(m => m.Status == parsed);
        }
        if (!string.IsNullOrWhiteSpace(eventType)) query = query.Where(m => m.EventType == eventType);
        if (since is not null) query = query.Where(m => m.CreatedAt >= since);
        if (until is not null) query = query.Where(m => m.CreatedAt < until);
        var (p, size) = Paging.Normalise(page, pageSize);
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new PagedResult<MessageResponse>(items.Select(m => ToResponse(m, true)).ToList(), p, size, total));
    }

    private static async Task<Results<Ok<List<AttemptResponse>>, NotFound>> Attempts(long messageId, HubDbContext db, CancellationToken ct)
    {
        if (!await db.WebhookMessages.AnyAsync(m => m.Id == messageId, ct)) return TypedResults.NotFound();
        return TypedResults.Ok(await db.WebhookAttempts.AsNoTracking().Where(a => a.MessageId == messageId).OrderBy(a => a.Id)
            .Select(a => new AttemptResponse(a.Id, a.AttemptedAt, a.StatusCode, a.DurationMs, a.ResponseBody, a.Error)).ToListAsync(ct));
    }

    private static async Task<Results<Accepted<MessageResponse>, NotFound>> Resend(long messageId, HubDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var message = await db.WebhookMessages.FirstOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null) return TypedResults.NotFound();
        if (message.Status != WebhookMessageStatus.Sending)
        {
            message.Status = WebhookMessageStatus.Pending;
            message.NextAttemptAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Accepted($"/api/v1/webhook-messages/{message.Id}/attempts", ToResponse(message, false));
    }

    private static async Task<Results<Ok<RecoverResponse>, NotFound, ValidationProblem>> Recover(Guid id, RecoverRequest request, HubDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == id, ct)) return TypedResults.NotFound();
        var until = request.Until ?? clock.GetUtcNow();
        if (until <= request.Since) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["until"] = ["Must be after since."] });
        var now = clock.GetUtcNow();
        var count = await WebhookRecovery.RecoverAsync(db, id, request.Since, until, now, ct);
        return TypedResults.Ok(new RecoverResponse(count));
    }
}
