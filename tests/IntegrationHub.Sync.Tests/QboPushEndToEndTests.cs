using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>Pushes through the real QuickBooks connector: a new host customer and invoice (customer first), then a changed customer.</summary>
public sealed class QboPushEndToEndTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_customer_and_invoice_are_pushed_customer_first_and_a_changed_customer_is_updated()
    {
        var qbo = await fixture.ConnectAsync(0, Ct, seed: new { seed = 3, customers = 2, items = 2, invoices = 0, payments = 0, chartOfAccounts = true });
        await qbo.ConfigureAsync(CanonicalEntities.Customer, c => c.Direction = SyncDirection.Both);
        await qbo.ConfigureAsync(CanonicalEntities.Invoice, c => c.Direction = SyncDirection.Both);
        var (pulled, pullError) = await qbo.RunAsync(SyncRunKind.Full, CanonicalEntities.Item);
        Assert.Null(pullError);
        Assert.Equal(SyncRunStatus.Succeeded, pulled.Status);
        string itemHostId;
        await using (var db = qbo.Db())
            itemHostId = (await db.RecordLinks.FirstAsync(l => l.ConnectionId == qbo.Id && l.Entity == CanonicalEntities.Item, Ct)).HostId;
        var customersBefore = await qbo.CountAsync("Customer");

        await qbo.WriteHostAsync(CanonicalEntities.Customer, "host-cust-1", new JsonObject { ["name"] = "Fjord Freight", ["email"] = "ap@fjord.test", ["currency"] = "USD" });
        await qbo.WriteHostAsync(CanonicalEntities.Invoice, "host-inv-1", new JsonObject
        {
            ["number"] = "FF-1001", ["customerId"] = "host-cust-1", ["issueDate"] = "2026-03-01", ["dueDate"] = "2026-03-31", ["currency"] = "USD",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Freight", ["itemId"] = itemHostId, ["quantity"] = 2m, ["unitPrice"] = 60m, ["amount"] = 120m }),
        });
        var (push, error) = await qbo.RunAsync(SyncRunKind.Push, CanonicalEntities.Invoice);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.Succeeded, push.Status);
        Assert.Equal(1, push.Counts[CanonicalEntities.Customer].Created);
        Assert.Equal(1, push.Counts[CanonicalEntities.Invoice].Created);
        Assert.Equal(customersBefore + 1, await qbo.CountAsync("Customer"));
        var customerLink = (await qbo.LinkByHostAsync(CanonicalEntities.Customer, "host-cust-1"))!;
        var invoiceLink = (await qbo.LinkByHostAsync(CanonicalEntities.Invoice, "host-inv-1"))!;
        var remoteInvoice = (JsonObject)Assert.Single(await qbo.QueryAsync($"SELECT * FROM Invoice WHERE Id = '{invoiceLink.RemoteId}'"))!;
        Assert.Equal(customerLink.RemoteId, remoteInvoice["CustomerRef"]!["value"]!.GetValue<string>());
        Assert.Equal(120m, remoteInvoice["TotalAmt"]!.GetValue<decimal>());

        await qbo.WriteHostAsync(CanonicalEntities.Customer, "host-cust-1", new JsonObject { ["name"] = "Fjord Freight AS", ["email"] = "ap@fjord.test", ["currency"] = "USD" });
        var (update, updateError) = await qbo.RunAsync(SyncRunKind.Push, CanonicalEntities.Customer);

        Assert.Null(updateError);
        Assert.Equal(1, update.Counts[CanonicalEntities.Customer].Updated);
        var remoteCustomer = (JsonObject)Assert.Single(await qbo.QueryAsync($"SELECT * FROM Customer WHERE Id = '{customerLink.RemoteId}'"))!;
        Assert.Equal("Fjord Freight AS", remoteCustomer["DisplayName"]!.GetValue<string>());
    }
}
