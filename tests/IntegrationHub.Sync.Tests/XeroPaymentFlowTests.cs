using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Sync.Tests;

/// <summary>The payment flow end to end with the real Xero connector: a payment recorded at the simulator settles the host invoice.</summary>
public sealed class XeroPaymentFlowTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Entities =
        [CanonicalEntities.Account, CanonicalEntities.Customer, CanonicalEntities.Item, CanonicalEntities.Invoice, CanonicalEntities.Payment];

    [Fact]
    public async Task A_partial_then_a_final_payment_settle_the_host_invoice_and_emit_invoice_paid()
    {
        var (tenantId, connectionId, orgId, token) = await fixture.ConnectXeroAsync(
            new { seed = 13, customers = 4, items = 3, invoices = 6, payments = 0, chartOfAccounts = true }, Ct);
        using var xero = fixture.Simulator.CreateClient();
        xero.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        xero.DefaultRequestHeaders.Add("xero-tenant-id", orgId);
        xero.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        Assert.Equal(SyncRunStatus.Succeeded, (await RunAsync(tenantId, connectionId, SyncRunKind.Full)).Status);

        var invoices = (await xero.GetFromJsonAsync<JsonObject>("/xero/api.xro/2.0/Invoices?Statuses=AUTHORISED", Ct))!["Invoices"]!.AsArray();
        var invoice = invoices.OfType<JsonObject>().First(i => i["Type"]!.GetValue<string>() == "ACCREC" && i["AmountDue"]!.GetValue<decimal>() > 1m
            && i["AmountPaid"]!.GetValue<decimal>() == 0m);
        var invoiceId = invoice["InvoiceID"]!.GetValue<string>();
        var total = invoice["Total"]!.GetValue<decimal>();
        var partial = decimal.Round(total / 4, 2);
        string hostId;
        await using (var db = fixture.Database.CreateContext(tenantId))
            hostId = (await db.RecordLinks.SingleAsync(l => l.ConnectionId == connectionId && l.Entity == CanonicalEntities.Invoice && l.RemoteId == invoiceId, Ct)).HostId;

        await PayAsync(xero, invoiceId, partial, "2026-04-03");
        Assert.Equal(SyncRunStatus.Succeeded, (await RunAsync(tenantId, connectionId, SyncRunKind.Incremental)).Status);

        var afterPartial = await HostInvoiceAsync(tenantId, hostId);
        Assert.Equal(partial, afterPartial["amountPaid"]!.GetValue<decimal>());
        Assert.Equal(total - partial, afterPartial["amountDue"]!.GetValue<decimal>());
        Assert.Equal("authorised", afterPartial["status"]!.GetValue<string>());
        var first = Assert.Single(await PaidEventsAsync(tenantId));
        Assert.True(first.GetProperty("partial").GetBoolean());
        Assert.Equal(hostId, first.GetProperty("invoiceId").GetString());

        await PayAsync(xero, invoiceId, total - partial, "2026-04-10");
        Assert.Equal(SyncRunStatus.Succeeded, (await RunAsync(tenantId, connectionId, SyncRunKind.Incremental)).Status);

        var paid = await HostInvoiceAsync(tenantId, hostId);
        Assert.Equal(0m, paid["amountDue"]!.GetValue<decimal>());
        Assert.Equal("paid", paid["status"]!.GetValue<string>());
        Assert.Equal("2026-04-10", paid["paidDate"]!.GetValue<string>());
        var events = await PaidEventsAsync(tenantId);
        Assert.Equal(2, events.Count);
        Assert.False(events[1].GetProperty("partial").GetBoolean());
        Assert.Equal(total, events[1].GetProperty("amountPaid").GetDecimal());
    }

    private static async Task PayAsync(HttpClient xero, string invoiceId, decimal amount, string date)
    {
        var body = new JsonObject
        {
            ["Payments"] = new JsonArray(new JsonObject
            {
                ["Invoice"] = new JsonObject { ["InvoiceID"] = invoiceId }, ["Account"] = new JsonObject { ["Code"] = "090" },
                ["Amount"] = amount, ["Date"] = date,
            }),
        };
        var response = await xero.PutAsJsonAsync("/xero/api.xro/2.0/Payments?summarizeErrors=true", body, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<SyncRun> RunAsync(Guid tenantId, Guid connectionId, SyncRunKind kind)
    {
        Guid id;
        await using (var db = fixture.Database.CreateContext(tenantId))
        {
            var run = new SyncRun { TenantId = tenantId, ConnectionId = connectionId, Kind = kind, Trigger = SyncTrigger.Manual, Entities = Entities };
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            id = run.Id;
        }
        await using (var scope = fixture.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISyncRunExecutor>().ExecuteAsync(id, Ct);
        await using var read = fixture.Database.CreateContext(tenantId);
        return await read.SyncRuns.SingleAsync(r => r.Id == id, Ct);
    }

    private async Task<JsonObject> HostInvoiceAsync(Guid tenantId, string hostId)
    {
        await using var db = fixture.Database.CreateContext(tenantId);
        var record = await db.Records.AsNoTracking().SingleAsync(r => r.ConnectionId == null && r.Entity == CanonicalEntities.Invoice && r.ExternalId == hostId, Ct);
        return TestConnection.Parse(record.Data);
    }

    private async Task<List<System.Text.Json.JsonElement>> PaidEventsAsync(Guid tenantId)
    {
        await using var db = fixture.Database.CreateContext(tenantId);
        var events = await db.OutboxEvents.AsNoTracking().Where(e => e.TenantId == tenantId && e.Type == EventTypes.InvoicePaid).OrderBy(e => e.Id).ToListAsync(Ct);
        return [.. events.Select(e => e.Payload.RootElement.Clone())];
    }
}
