using System.Buffers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Turns outbox events into webhook messages, one per enabled endpoint of the event's tenant whose filters match.
/// Claiming (webhook_fanout_at, SKIP LOCKED, the claimed events returned by the same statement) and writing the
/// messages (one multi-row INSERT) commit together, so an event fans out exactly once; then the delivery loops are woken.
/// </summary>
public sealed class WebhookFanout(IServiceScopeFactory scopes, DeliverySignal signal, TimeProvider clock)
{
    public const int BatchSize = 500;

    private const string ClaimSql = """
        UPDATE outbox_events SET webhook_fanout_at = {0}
        WHERE id IN (SELECT id FROM outbox_events WHERE webhook_fanout_at IS NULL ORDER BY id LIMIT {1} FOR UPDATE SKIP LOCKED)
        RETURNING *
        """;

    public async Task<int> FanOutBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var (claimed, written) = await db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var events = await db.OutboxEvents.FromSqlRaw(ClaimSql, now, BatchSize).AsNoTracking().ToListAsync(ct);
            if (events.Count == 0) return (0, 0);
            events.Sort((a, b) => a.Id.CompareTo(b.Id));
            var tenants = events.Select(e => e.TenantId).Where(t => t != EventTypes.PlatformTenant).Distinct().ToList();
            var endpoints = (await db.WebhookEndpoints.IgnoreQueryFilters().AsNoTracking().Where(e => tenants.Contains(e.TenantId) && e.Enabled).ToListAsync(ct))
                .ToLookup(e => e.TenantId);
            var messages = new List<WebhookMessage>();
            foreach (var e in events)
            {
                var matching = endpoints[e.TenantId].Where(ep => EventTypeFilter.Matches(ep.EventTypes, e.Type)).ToList();
                if (matching.Count == 0) continue;
                var body = Body(e);
                messages.AddRange(matching.Select(endpoint => new WebhookMessage
                {
                    TenantId = e.TenantId, EndpointId = endpoint.Id, EventId = e.EventId, EventType = e.Type, Body = body, CreatedAt = now, NextAttemptAt = now,
                }));
            }
            return (events.Count, await DeliveryWrites.InsertMessagesAsync(db, messages, now, ct));
        }, ct);
        if (written > 0) signal.Notify();
        return claimed;
    }

    /// <summary>The Standard Webhooks body: {"type", "timestamp", "data"}, written directly (this runs once per event).</summary>
    public static string Body(OutboxEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", e.Type);
            writer.WriteString("timestamp", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            e.Payload.RootElement.WriteTo(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
