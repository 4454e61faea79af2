using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntegrationHub.Core.Events;

/// <summary>
/// Publishes one batch of the outbox: claims the oldest unpublished rows (FOR UPDATE SKIP LOCKED, so several workers
/// share the work without publishing a row twice at the same time), XADDs each to its tenant stream, and marks them
/// published in the same transaction. If Redis fails part-way the transaction rolls back and the whole batch is
/// published again later with the same event ids, which consumers dedupe; nothing is lost.
/// </summary>
public sealed class OutboxRelay(HubDbContext db, IConnectionMultiplexer redis, IOptions<OutboxRelayOptions> options, EventMetrics metrics, TimeProvider clock)
{
    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var published = await db.InTransactionAsync(async () =>
        {
            var batch = await db.OutboxEvents
                .FromSql($"SELECT * FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT {settings.BatchSize} FOR UPDATE SKIP LOCKED")
                .AsNoTracking().ToListAsync(ct);
            if (batch.Count == 0) return 0;

            // Sent as one pipeline on one connection, so the stream order is the outbox order.
            var streams = redis.GetDatabase();
            var adds = batch.Select(e => streams.StreamAddAsync(EventStreams.ForTenant(e.TenantId), Fields(e),
                maxLength: settings.StreamMaxLength, useApproximateMaxLength: true)).ToArray();
            await Task.WhenAll(adds).WaitAsync(ct);

            var ids = batch.Select(e => e.Id).ToArray();
            var now = clock.GetUtcNow();
            await db.OutboxEvents.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.PublishedAt, now), ct);
            return batch.Count;
        }, ct);
        if (published > 0) metrics.Published(published);
        return published;
    }

    /// <summary>Reads the oldest unpublished event's time into the lag gauge (the partial index on unpublished ids makes this cheap).</summary>
    public async Task<DateTimeOffset?> MeasureLagAsync(CancellationToken ct)
    {
        var oldest = await db.OutboxEvents.Where(e => e.PublishedAt == null).OrderBy(e => e.Id)
            .Select(e => (DateTimeOffset?)e.OccurredAt).FirstOrDefaultAsync(ct);
        metrics.ObserveOldestUnpublished(oldest);
        return oldest;
    }

    internal static NameValueEntry[] Fields(OutboxEvent e) =>
    [
        new(EventStreams.Fields.Id, e.EventId.ToString("D")),
        new(EventStreams.Fields.Type, e.Type),
        new(EventStreams.Fields.Tenant, e.TenantId.ToString("D")),
        new(EventStreams.Fields.OccurredAt, e.OccurredAt.UtcDateTime.ToString("O")),
        new(EventStreams.Fields.Payload, e.Payload.RootElement.GetRawText()),
    ];
}
