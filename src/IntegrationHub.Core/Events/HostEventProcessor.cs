using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Core.Events;

/// <summary>
/// Handles one host event exactly once per event id: the inbox row (Source "host", DedupeKey = event id) is written in
/// the same transaction as the host record, so a redelivered or reclaimed message finds it and is only acknowledged.
/// An invalid event becomes a Failed inbox row with the reason (acknowledged, so it cannot loop); infrastructure
/// failures throw and leave the message pending, to be retried.
/// </summary>
public sealed class HostEventProcessor(HubDbContext db, TenantContext tenant, HostRecordIntake intake, TimeProvider clock, ILogger<HostEventProcessor> logger)
{
    public async Task<HostEventOutcome> ProcessAsync(HostEventMessage message, CancellationToken ct)
    {
        var dedupeKey = message.DedupeKey;
        if (await db.InboxEvents.IgnoreQueryFilters().AnyAsync(e => e.Source == HostEventMessage.Source && e.DedupeKey == dedupeKey, ct))
            return HostEventOutcome.Duplicate;

        var parsed = message.Parse();
        // A known tenant owns even its invalid events (its admins see them); an unknown tenant's belong to no tenant.
        Guid? tenantId = parsed.TenantId is { } id && await db.Tenants.AnyAsync(t => t.Id == id, ct) ? id : null;
        if (parsed.Error is null && tenantId is null) parsed = HostEventParse.Invalid($"Unknown tenant '{parsed.TenantId}'.");
        tenant.Enter(tenantId);

        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var inbox = new InboxEvent
                {
                    Source = HostEventMessage.Source, DedupeKey = dedupeKey, TenantId = tenantId ?? Guid.Empty,
                    Type = message.Type.Length <= 100 ? message.Type : message.Type[..100], Payload = message.Payload(),
                    Status = InboxStatus.Processing, Attempts = 1,
                };
                db.InboxEvents.Add(inbox);
                if (parsed.Error is not null)
                {
                    inbox.Status = InboxStatus.Failed;
                    inbox.Error = parsed.Error;
                    inbox.ProcessedAt = clock.GetUtcNow();
                    await db.SaveChangesAsync(ct);
                    // The reason names fields, never their values; the payload stays in the inbox row.
                    logger.LogWarning("Host event {EventId} ({StreamId}) rejected: {Reason}", Safe(message.EventId), message.StreamId, parsed.Error);
                    return HostEventOutcome.Failed;
                }

                var change = await intake.WriteAsync(tenantId!.Value, parsed.Entity, parsed.HostId, parsed.Record!, ChangeOrigin.HostEvent, deleted: false, ct);
                inbox.Status = InboxStatus.Processed;
                inbox.ProcessedAt = clock.GetUtcNow();
                await db.SaveChangesAsync(ct);
                if (change.Kind is not null) await intake.RequestPushesAsync(tenantId.Value, parsed.Entity, SyncTrigger.HostEvent, ct);
                return HostEventOutcome.Processed;
            }, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg && pg.ConstraintName?.Contains("inbox") == true)
        {
            // Another consumer took the same event between our check and our insert.
            return HostEventOutcome.Duplicate;
        }
    }

    private static string Safe(string? id) => id is null ? "(none)" : id.Length <= 80 ? id : id[..80] + "…";
}
