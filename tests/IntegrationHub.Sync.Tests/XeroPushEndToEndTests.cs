using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>Pushes through the real Xero connector: a new host customer and invoice (contact first), then a changed customer.</summary>
public sealed class XeroPushEndToEndTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_customer_and_invoice_are_pushed_contact_first_and_a_changed_customer_is_updated()
    {
        var xero = await XeroOrg.ConnectAsync(fixture, new { seed = 3, customers = 2, items = 2, invoices = 0, payments = 0, chartOfAccounts = true }, Ct);
        var hub = xero.Hub;
        await hub.ConfigureAsync(CanonicalEntities.Customer, c => c.Direction = SyncDirection.Both);
        await hub.ConfigureAsync(CanonicalEntities.Invoice, c => c.Direction = SyncDirection.Both);
        var (pulled, pullError) = await hub.RunAsync(SyncRunKind.Full, CanonicalEntities.Item);
        Assert.Null(pullError);
        Assert.Equal(SyncRunStatus.Succeeded, pulled.Status);
        RecordLink itemLink;
        await using (var db = hub.Db())
            itemLink = await db.RecordLinks.FirstAsync(l => l.ConnectionId == hub.Id && l.Entity == CanonicalEntities.Item, Ct);
        var contactsBefore = await xero.CountAsync("Contacts");

        await hub.WriteHostAsync(CanonicalEntities.Customer, "host-cust-1", new JsonObject { ["name"] = "Fjord Freight", ["email"] = "ap@fjord.test", ["currency"] = "USD" });
        await hub.WriteHostAsync(CanonicalEntities.Invoice, "host-inv-1", new JsonObject
        {
            ["number"] = "FF-1001", ["customerId"] = "host-cust-1", ["issueDate"] = "2026-03-01", ["dueDate"] = "2026-03-31", ["currency"] = "USD",
            ["status"] = "authorised",
            ["lines"] = new JsonArray(new JsonObject
            {
                ["description"] = "Freight", ["itemId"] = itemLink.HostId, ["quantity"] = 2m, ["unitPrice"] = 60m, ["amount"] = 120m, ["accountCode"] = "200",
            }),
        });
        var (push, error) = await hub.RunAsync(SyncRunKind.Push, CanonicalEntities.Invoice);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.Succeeded, push.Status);
        Assert.Equal(1, push.Counts[CanonicalEntities.Customer].Created);
        Assert.Equal(1, push.Counts[CanonicalEntities.Invoice].Created);
        Assert.Equal(contactsBefore + 1, await xero.CountAsync("Contacts"));
        var contactLink = (await hub.LinkByHostAsync(CanonicalEntities.Customer, "host-cust-1"))!;
        var invoiceLink = (await hub.LinkByHostAsync(CanonicalEntities.Invoice, "host-inv-1"))!;
        var remoteInvoice = await xero.GetAsync("Invoices", invoiceLink.RemoteId);
        Assert.Equal(contactLink.RemoteId, remoteInvoice["Contact"]!["ContactID"]!.GetValue<string>());
        Assert.Equal(120m, remoteInvoice["Total"]!.GetValue<decimal>());
        Assert.Equal("AUTHORISED", remoteInvoice["Status"]!.GetValue<string>());
        Assert.Equal("ih:host-inv-1", remoteInvoice["Reference"]!.GetValue<string>());
        var remoteItem = await xero.GetAsync("Items", itemLink.RemoteId);
        Assert.Equal(remoteItem["Code"]!.GetValue<string>(), remoteInvoice["LineItems"]![0]!["ItemCode"]!.GetValue<string>());

        await hub.WriteHostAsync(CanonicalEntities.Customer, "host-cust-1", new JsonObject { ["name"] = "Fjord Freight AS", ["email"] = "ap@fjord.test", ["currency"] = "USD" });
        var (update, updateError) = await hub.RunAsync(SyncRunKind.Push, CanonicalEntities.Customer);

        Assert.Null(updateError);
        Assert.Equal(1, update.Counts[CanonicalEntities.Customer].Updated);
        Assert.Equal("Fjord Freight AS", (await xero.GetAsync("Contacts", contactLink.RemoteId))["Name"]!.GetValue<string>());
        Assert.Equal(contactsBefore + 1, await xero.CountAsync("Contacts"));

        // The pushed records come back on the next pull as the hub's own echo: nothing is written.
        var (echo, echoError) = await hub.RunAsync(SyncRunKind.Incremental, CanonicalEntities.Invoice);
        Assert.Null(echoError);
        Assert.Equal(0, echo.Counts[CanonicalEntities.Invoice].Created + echo.Counts[CanonicalEntities.Invoice].Updated + echo.Counts[CanonicalEntities.Invoice].Conflicts);
    }
}
