using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// The payment flow, run by <see cref="PullApplier"/> for each pulled page of Payments inside the page's unit of work:
/// every invoice a changed payment allocates to (now or before the change) is settled (<see cref="InvoiceSettlement"/>)
/// from all live external Payment records of the connection, the host-side invoice is written through
/// <see cref="RecordStore"/> (so it versions) and invoice.paid is emitted into the outbox.
/// </summary>
public sealed class PaymentFlow(HubDbContext db, RecordStore store)
{
    public async Task ApplyAsync(RunState s, IReadOnlyList<RecordChange> changes, CancellationToken ct)
    {
        var connectionId = s.Connection.Id;
        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.Where(c => c.Kind is not null))
        {
            affected.UnionWith(InvoiceSettlement.InvoiceIds(JsonDocs.ToObject(change.Record.Data)));
            // An allocation moved away from an invoice (or a payment deleted) changes that invoice too.
            foreach (var field in change.Diff)
                if (field.Path.StartsWith("allocations[", StringComparison.Ordinal) && field.Path.EndsWith("].invoiceId", StringComparison.Ordinal)
                    && field.Old is JsonValue old && old.TryGetValue<string>(out var oldId))
                    affected.Add(oldId);
        }
        if (affected.Count == 0) return;

        var remoteIds = affected.ToArray();
        var links = await db.RecordLinks
            .Where(l => l.ConnectionId == connectionId && l.Entity == CanonicalEntities.Invoice && remoteIds.Contains(l.RemoteId))
            .ToListAsync(ct);
        if (links.Count == 0) return;

        // A tracking query returns this page's updated (unsaved) rows as they are now; rows created in this page are added from the changes.
        var stored = await db.Records.Where(r => r.ConnectionId == connectionId && r.Entity == CanonicalEntities.Payment).ToListAsync(ct);
        var payments = stored.Concat(changes.Select(c => c.Record).Where(r => r.Id != Guid.Empty))
            .DistinctBy(r => r.Id).Where(r => r.DeletedAt is null).Select(r => JsonDocs.ToObject(r.Data)).ToList();

        var hostIds = links.Select(l => l.HostId).ToArray();
        var hosts = await db.Records
            .Where(r => r.ConnectionId == null && r.Entity == CanonicalEntities.Invoice && hostIds.Contains(r.ExternalId))
            .ToDictionaryAsync(r => r.ExternalId, StringComparer.Ordinal, ct);
        var writes = new List<RecordWrite>();
        foreach (var link in links.OrderBy(l => l.HostId, StringComparer.Ordinal))
        {
            if (!hosts.TryGetValue(link.HostId, out var host) || host.DeletedAt is not null) continue;
            var allocated = InvoiceSettlement.PaymentsTo(link.RemoteId, payments);
            var settled = InvoiceSettlement.Settle(JsonDocs.ToObject(host.Data), allocated);
            if (CanonicalJson.Hash(settled.Invoice) != host.Hash)
                writes.Add(new RecordWrite(s.TenantId, null, CanonicalEntities.Invoice, link.HostId, settled.Invoice, host.SourceUpdatedAt));
            // The figures come from the provider's own payments, so the base moves with them: settling is not a host edit to push back.
            if (link.Base is { } b) link.Base = JsonDocs.ToDocument(InvoiceSettlement.Settle(JsonDocs.ToObject(b), allocated).Invoice);
            if (settled.AmountPaid <= 0m) continue;
            db.Emit(s.TenantId, EventTypes.InvoicePaid, new
            {
                invoiceId = link.HostId, connectionId, amountPaid = settled.AmountPaid, amountDue = settled.AmountDue,
                currency = settled.Invoice["currency"]?.GetValue<string>(), paidDate = settled.PaidDate, partial = !settled.FullyPaid,
            });
        }
        await store.ApplyAsync(writes, new ChangeSource(ChangeOrigin.Sync, s.Run.Id), ct);
    }
}
