using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Turns outbox events into webhook messages, one per enabled endpoint of the event's tenant whose filters match.
/// Claiming (webhook_fanout_at, SKIP LOCKED) and writing the messages commit together, so an event fans out exactly once.
/// </summary>
public sealed class WebhookFanout(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int BatchSize = 500;

    private const string ClaimSql = """
        UPDATE outbox_events SET webhook_fanout_at = {0}
        WHERE id IN (SELECT id FROM outbox_events WHERE webhook_fanout_at IS NULL ORDER BY id LIMIT {1} FOR UPDATE SKIP LOCKED)
        RETURNING id AS "Value"
        """;

    public async Task<int> FanOutBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var ids = await db.Database.SqlQueryRaw<long>(ClaimSql, now, BatchSize).ToListAsync(ct);
            if (ids.Count == 0) return 0;
            var events = await db.OutboxEvents.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).AsNoTracking().ToListAsync(ct);
            var tenants = events.Select(e => e.TenantId).Where(t => t != EventTypes.PlatformTenant).Distinct().ToList();
            var endpoints = (await db.WebhookEndpoints.IgnoreQueryFilters().AsNoTracking().Where(e => tenants.Contains(e.TenantId) && e.Enabled).ToListAsync(ct))
                .ToLookup(e => e.TenantId);
            foreach (var e in events)
            {
                var matching = endpoints[e.TenantId].Where(ep => EventTypeFilter.Matches(ep.EventTypes, e.Type)).ToList();
                if (matching.Count == 0) continue;
                var body = Body(e);
                foreach (var endpoint in matching)
                    db.WebhookMessages.Add(new WebhookMessage
                    {
                        TenantId = e.TenantId, EndpointId = endpoint.Id, EventId = e.EventId, EventType = e.Type, Body = body, CreatedAt = now, NextAttemptAt = now,
                    });
            }
            await db.SaveChangesAsync(ct);
            return ids.Count;
        }, ct);
    }

    /// <summary>The Standard Webhooks body: {"type", "timestamp", "data"}.</summary>
    public static string Body(OutboxEvent e) => new JsonObject
    {
        ["type"] = e.Type,
        ["timestamp"] = e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        ["data"] = JsonNode.Parse(e.Payload.RootElement.GetRawText()),
    }.ToJsonString(JsonSerializerOptions.Web);
}
