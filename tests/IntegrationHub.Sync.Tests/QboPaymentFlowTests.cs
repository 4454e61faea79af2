using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// The payment flow end to end with the real QuickBooks connector: a seeded company is synced, payments are recorded
/// at the simulator against an invoice, and the next run settles the host-side invoice and emits invoice.paid.
/// </summary>
public sealed class QboPaymentFlowTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Entities =
        [CanonicalEntities.Account, CanonicalEntities.Customer, CanonicalEntities.Item, CanonicalEntities.Invoice, CanonicalEntities.Payment];

    [Fact]
    public async Task A_partial_then_a_final_payment_settle_the_host_invoice_and_emit_invoice_paid()
    {
        var qbo = await fixture.ConnectAsync(0, Ct, seed: new { seed = 11, customers = 4, items = 3, invoices = 5, payments = 0, chartOfAccounts = true });
        var first = await RunAsync(qbo, SyncRunKind.Full);
        Assert.Equal(SyncRunStatus.Succeeded, first.Status);
        Assert.Equal(await qbo.CountAsync("Invoice"), first.Counts[CanonicalEntities.Invoice].Created);

        var invoice = (await qbo.QueryAsync("SELECT * FROM Invoice")).OfType<JsonObject>()
            .First(i => i["Balance"]!.GetValue<decimal>() > 1m && i["Balance"]!.GetValue<decimal>() == i["TotalAmt"]!.GetValue<decimal>());
        var remoteId = invoice["Id"]!.GetValue<string>();
        var total = invoice["TotalAmt"]!.GetValue<decimal>();
        var customerId = invoice["CustomerRef"]!["value"]!.GetValue<string>();
        var hostId = (await qbo.LinkByRemoteAsync(CanonicalEntities.Invoice, remoteId)).HostId;
        var partial = decimal.Round(total / 3, 2);

        await qbo.PostRemoteAsync("payment", Payment(customerId, remoteId, partial, "2026-03-02"));
        var second = await RunAsync(qbo, SyncRunKind.Incremental);

        Assert.Equal(SyncRunStatus.Succeeded, second.Status);
        var afterPartial = TestConnection.Parse((await qbo.HostAsync(CanonicalEntities.Invoice, hostId))!.Data);
        Assert.Equal(partial, afterPartial["amountPaid"]!.GetValue<decimal>());
        Assert.Equal(total - partial, afterPartial["amountDue"]!.GetValue<decimal>());
        Assert.Equal("authorised", afterPartial["status"]!.GetValue<string>());
        var partialEvent = Assert.Single(await PaidEventsAsync(qbo));
        Assert.Equal(hostId, partialEvent.GetProperty("invoiceId").GetString());
        Assert.Equal(qbo.Id, partialEvent.GetProperty("connectionId").GetGuid());
        Assert.Equal(partial, partialEvent.GetProperty("amountPaid").GetDecimal());
        Assert.Equal(total - partial, partialEvent.GetProperty("amountDue").GetDecimal());
        Assert.True(partialEvent.GetProperty("partial").GetBoolean());
        Assert.Equal("USD", partialEvent.GetProperty("currency").GetString());

        await qbo.PostRemoteAsync("payment", Payment(customerId, remoteId, total - partial, "2026-03-09"));
        var third = await RunAsync(qbo, SyncRunKind.Incremental);

        Assert.Equal(SyncRunStatus.Succeeded, third.Status);
        var host = (await qbo.HostAsync(CanonicalEntities.Invoice, hostId))!;
        var paid = TestConnection.Parse(host.Data);
        Assert.Equal(total, paid["amountPaid"]!.GetValue<decimal>());
        Assert.Equal(0m, paid["amountDue"]!.GetValue<decimal>());
        Assert.Equal("paid", paid["status"]!.GetValue<string>());
        Assert.Equal("2026-03-09", paid["paidDate"]!.GetValue<string>());
        var events = await PaidEventsAsync(qbo);
        Assert.Equal(2, events.Count);
        Assert.False(events[1].GetProperty("partial").GetBoolean());
        Assert.Equal("2026-03-09", events[1].GetProperty("paidDate").GetString());

        // The settlement is versioned as a sync change of that run.
        await using var db = qbo.Db();
        var version = await db.RecordVersions.Where(v => v.RecordId == host.Id).OrderByDescending(v => v.Version).FirstAsync(Ct);
        Assert.Equal(ChangeOrigin.Sync, version.Origin);
        Assert.Equal(third.Id, version.SyncRunId);

        // Nothing changed since: a further run settles nothing and emits nothing.
        var fourth = await RunAsync(qbo, SyncRunKind.Incremental);
        Assert.Equal(SyncRunStatus.Succeeded, fourth.Status);
        Assert.Equal(2, (await PaidEventsAsync(qbo)).Count);
    }

    private static JsonObject Payment(string customerId, string invoiceId, decimal amount, string date) => new()
    {
        ["CustomerRef"] = new JsonObject { ["value"] = customerId },
        ["TotalAmt"] = amount,
        ["TxnDate"] = date,
        ["Line"] = new JsonArray(new JsonObject
        {
            ["Amount"] = amount,
            ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = invoiceId, ["TxnType"] = "Invoice" }),
        }),
    };

    private static async Task<SyncRun> RunAsync(TestConnection qbo, SyncRunKind kind)
    {
        var id = await qbo.QueueAsync(kind, Entities);
        var (run, error) = await qbo.RunAsync(kind, runId: id);
        Assert.Null(error);
        return run;
    }

    private static async Task<List<System.Text.Json.JsonElement>> PaidEventsAsync(TestConnection qbo)
    {
        await using var db = qbo.Db();
        var events = await db.OutboxEvents.AsNoTracking().Where(e => e.TenantId == qbo.TenantId && e.Type == EventTypes.InvoicePaid)
            .OrderBy(e => e.Id).ToListAsync(Ct);
        return [.. events.Select(e => e.Payload.RootElement.Clone())];
    }
}
