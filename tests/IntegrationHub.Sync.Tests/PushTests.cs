using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>Pushes host records to the QBO simulator: dependencies first, idempotency, record-level failures, no echo, no loop.</summary>
public sealed class PushTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;
    private const string Invoice = CanonicalEntities.Invoice;

    private static JsonObject NewCustomer(string name) => new() { ["name"] = name, ["companyName"] = name + " Ltd", ["email"] = "ap@example.test" };

    private static JsonObject NewInvoice(string number, string customerHostId) => new()
    {
        ["number"] = number, ["customerId"] = customerHostId,
        ["lines"] = new JsonArray(new JsonObject { ["description"] = "Scaffold hire", ["amount"] = 150.50m }, new JsonObject { ["description"] = "Delivery", ["amount"] = 40m }),
    };

    [Fact]
    public async Task A_new_invoice_is_pushed_after_its_customer_with_the_customer_s_remote_id()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(0, Ct);
        await qbo.ConfigureAsync(Invoice, c => c.Direction = SyncDirection.Outbound);
        await qbo.WriteHostAsync(Customer, "cust-1", NewCustomer("Harbour Cranes"));
        await qbo.WriteHostAsync(Invoice, "inv-1", NewInvoice("H-1001", "cust-1"));

        var (run, error) = await qbo.RunAsync(SyncRunKind.Push, Invoice);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Counts[Customer].Created);
        Assert.Equal(1, run.Counts[Invoice].Created);
        var customers = await qbo.QueryAsync("SELECT * FROM Customer");
        var customer = Assert.Single(customers)!;
        Assert.Equal("ih:cust-1", customer["Notes"]!.GetValue<string>());
        var invoice = Assert.Single(await qbo.QueryAsync("SELECT * FROM Invoice"))!;
        Assert.Equal(customer["Id"]!.GetValue<string>(), invoice["CustomerRef"]!["value"]!.GetValue<string>());
        Assert.Equal(190.50m, invoice["TotalAmt"]!.GetValue<decimal>());
        var link = await qbo.LinkByHostAsync(Invoice, "inv-1");
        Assert.Equal(invoice["Id"]!.GetValue<string>(), link!.RemoteId);
        Assert.Equal((await qbo.HostAsync(Invoice, "inv-1"))!.Hash, link.LastPushedHash);
        await using var db = qbo.Db();
        var external = await db.Records.SingleAsync(r => r.ConnectionId == qbo.Id && r.Entity == Invoice, Ct);
        Assert.Equal(customer["Id"]!.GetValue<string>(), TestConnection.Parse(external.Data)["customerId"]!.GetValue<string>());
        Assert.Equal(external.Hash, link.LastPulledHash);
    }

    [Fact]
    public async Task Pushing_again_creates_no_duplicate_even_when_the_link_was_lost()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(0, Ct);
        await qbo.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Outbound);
        await qbo.WriteHostAsync(Customer, "cust-a", NewCustomer("Atlas Plant"));
        await qbo.RunAsync(SyncRunKind.Push, Customer);

        var (unchanged, _) = await qbo.RunAsync(SyncRunKind.Push, Customer);
        Assert.Equal(0, unchanged.Counts[Customer].Processed);

        // A crash between the provider's create and the hub's commit leaves no link: the reference finds the record.
        await using (var db = qbo.Db())
            await db.RecordLinks.Where(l => l.ConnectionId == qbo.Id).ExecuteDeleteAsync(Ct);
        var (again, error) = await qbo.RunAsync(SyncRunKind.Push, Customer);

        Assert.Null(error);
        Assert.Equal(0, again.Counts[Customer].Created);
        Assert.Equal(1, again.Counts[Customer].Updated);
        Assert.Equal(1, await qbo.CountAsync("Customer"));
        Assert.NotNull(await qbo.LinkByHostAsync(Customer, "cust-a"));
    }

    [Fact]
    public async Task A_record_the_provider_rejects_fails_alone_and_the_run_goes_on()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(0, Ct);
        await qbo.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Outbound);
        await qbo.WriteHostAsync(Customer, "cust-bad", new JsonObject { ["email"] = "nobody@example.test" });
        await qbo.WriteHostAsync(Customer, "cust-good", NewCustomer("Good Hire"));

        var (run, error) = await qbo.RunAsync(SyncRunKind.Push, Customer);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.CompletedWithErrors, run.Status);
        Assert.Equal(1, run.Counts[Customer].Failed);
        Assert.Equal(1, run.Counts[Customer].Created);
        await using var db = qbo.Db();
        var failure = await db.RecordFailures.SingleAsync(f => f.SyncRunId == run.Id, Ct);
        Assert.Equal("cust-bad", failure.RecordKey);
        Assert.Equal(ErrorClass.Validation, failure.ErrorClass);
        Assert.Equal("2020", failure.ProviderCode);
        Assert.Contains("DisplayName", failure.Message);
        Assert.Equal(1, await qbo.CountAsync("Customer"));
    }

    [Fact]
    public async Task The_echo_of_a_push_is_not_synced_back()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(3, Ct);
        await qbo.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Both);
        await qbo.RunAsync(SyncRunKind.Full);
        await qbo.WriteHostAsync(Customer, "cust-echo", NewCustomer("Echo Rentals"));

        var (push, _) = await qbo.RunAsync(SyncRunKind.Incremental);
        Assert.Equal(1, push.Counts[Customer].Created);
        await using var db = qbo.Db();
        var versions = await db.RecordVersions.CountAsync(Ct);

        var (pull, _) = await qbo.RunAsync(SyncRunKind.Incremental);

        Assert.Equal(0, pull.Counts[Customer].Created + pull.Counts[Customer].Updated + pull.Counts[Customer].Conflicts);
        Assert.True(pull.Counts[Customer].Skipped >= 1);
        Assert.Equal(versions, await db.RecordVersions.CountAsync(Ct));
        Assert.Equal(4, await qbo.CountAsync("Customer"));
    }

    [Fact]
    public async Task Two_connections_syncing_both_ways_through_the_hub_never_loop()
    {
        fixture.Connector.PageSize = 10;
        var a = await fixture.ConnectAsync(4, Ct);
        var b = await fixture.ConnectAsync(0, Ct, a.TenantId);
        await a.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Both);
        await b.ConfigureAsync(Customer, c => c.Direction = SyncDirection.Both);

        await a.RunAsync(SyncRunKind.Incremental);   // A's customers become host records
        var (toB, _) = await b.RunAsync(SyncRunKind.Incremental);   // ... and are pushed to B
        Assert.Equal(4, toB.Counts[Customer].Created);
        Assert.Equal(4, await b.CountAsync("Customer"));

        await using var db = a.Db();
        var versions = await db.RecordVersions.CountAsync(Ct);
        for (var round = 0; round < 2; round++)
        {
            var (runA, _) = await a.RunAsync(SyncRunKind.Incremental);
            var (runB, _) = await b.RunAsync(SyncRunKind.Incremental);
            foreach (var run in new[] { runA, runB })
                Assert.Equal(0, run.Counts[Customer].Created + run.Counts[Customer].Updated + run.Counts[Customer].Conflicts);
        }
        Assert.Equal(versions, await db.RecordVersions.CountAsync(Ct));
        Assert.Equal(4, await a.CountAsync("Customer"));
        Assert.Equal(4, await b.CountAsync("Customer"));
    }
}
