using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Tests.Simulated;

/// <summary>The QBO connector against the simulated demo company (realm 9341453050298464), through a real connection.</summary>
public class QuickBooksConnectorTests(ConnectorHarness harness) : IClassFixture<ConnectorHarness>
{
    private const string Realm = Simulator.DemoRealm;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ISyncConnector Qbo => harness.Connector("quickbooks");
    private Task<ConnectorContext> ContextAsync() => harness.ConnectAsync("quickbooks", Realm);

    private static OutboundRecord Customer(string hostId, string name, string? email = null) =>
        new(hostId, new JsonObject { ["name"] = name, ["email"] = email, ["currency"] = "USD", ["active"] = true }, new Dictionary<string, string>());

    [Fact]
    public async Task Full_sync_of_the_demo_company_returns_exactly_the_simulator_counts()
    {
        var context = await ContextAsync();
        var counts = await harness.Simulator.CountsAsync("qbo", Realm);
        foreach (var (entity, qboName) in new[] { ("Customer", "Customer"), ("Item", "Item"), ("Account", "Account"), ("Invoice", "Invoice"), ("Payment", "Payment"), ("CreditNote", "CreditMemo") })
        {
            var (records, cursor, _) = await Pages.DrainAsync(Qbo, context, entity, SyncMode.Full);
            Assert.Equal(counts[qboName], records.Count);
            Assert.Equal(records.Count, records.Select(r => r.RemoteId).Distinct().Count());
            Assert.StartsWith("qbo1:", cursor);
            Assert.All(records, r => Assert.False(r.Deleted));
        }
        Assert.True(counts["Invoice"] >= 200);
    }

    [Fact]
    public async Task Incremental_after_changes_behind_the_clients_back_returns_exactly_the_changed_records()
    {
        var context = await ContextAsync();
        var (customers, customerCursor, _) = await Pages.DrainAsync(Qbo, context, "Customer", SyncMode.Full);
        var (invoices, invoiceCursor, _) = await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Full);
        var customer = customers[7];
        var invoice = invoices.First(i => i.Canonical["status"]!.GetValue<string>() == "authorised");
        await harness.Simulator.PatchAsync($"/control/qbo/companies/{Realm}/Customer/{customer.RemoteId}", new { PrimaryEmailAddr = new { Address = "changed@example.com" } });
        await harness.Simulator.PatchAsync($"/control/qbo/companies/{Realm}/Invoice/{invoice.RemoteId}", new { DueDate = "2030-01-31" });

        var (changedCustomers, nextCursor, _) = await Pages.DrainAsync(Qbo, context, "Customer", SyncMode.Incremental, customerCursor);
        var changed = Assert.Single(changedCustomers);
        Assert.Equal(customer.RemoteId, changed.RemoteId);
        Assert.Equal("changed@example.com", changed.Canonical["email"]!.GetValue<string>());
        Assert.NotEqual(customer.Raw["SyncToken"]!.GetValue<string>(), changed.Raw["SyncToken"]!.GetValue<string>());

        var changedInvoice = Assert.Single((await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Incremental, invoiceCursor)).Records);
        Assert.Equal(invoice.RemoteId, changedInvoice.RemoteId);
        Assert.Equal("2030-01-31", changedInvoice.Canonical["dueDate"]!.GetValue<string>());

        // Nothing changed since: the next run re-reads at most the boundary record (the cursor is inclusive to the
        // provider's timestamp precision, so the feed is at-least-once), with the same SyncToken, i.e. no new version.
        var again = (await Pages.DrainAsync(Qbo, context, "Customer", SyncMode.Incremental, nextCursor)).Records;
        Assert.All(again, r => Assert.Equal((changed.RemoteId, changed.Raw["SyncToken"]!.GetValue<string>()), (r.RemoteId, r.Raw["SyncToken"]!.GetValue<string>())));
        var cdcCalls = await harness.Simulator.RequestsAsync("/cdc");
        Assert.NotEmpty(cdcCalls);
    }

    [Fact]
    public async Task Deleted_transactions_come_back_as_deleted_records()
    {
        var context = await ContextAsync();
        var created = await CreateInvoiceAsync(context, "host-del-1");
        var (_, cursor, _) = await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Incremental, since: DateTimeOffset.UtcNow.AddMinutes(-1));
        await harness.Simulator.DeleteAsync($"/control/qbo/companies/{Realm}/Invoice/{created.RemoteId}");
        var (records, _, _) = await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Incremental, cursor);
        var deleted = Assert.Single(records);
        Assert.Equal(created.RemoteId, deleted.RemoteId);
        Assert.True(deleted.Deleted);
        Assert.Null(await Qbo.GetAsync(context, "Invoice", created.RemoteId, Ct));
    }

    [Fact]
    public async Task Deleting_through_the_connector_removes_transactions_and_deactivates_customers()
    {
        var context = await ContextAsync();
        var invoice = await CreateInvoiceAsync(context, "host-del-2");
        await Qbo.DeleteAsync(context, "Invoice", invoice, Ct);
        Assert.Null(await Qbo.GetAsync(context, "Invoice", invoice.RemoteId, Ct));

        var customer = await Qbo.CreateAsync(context, "Customer", Customer("host-del-3", "Soon Inactive Ltd"), "key-del-3", Ct);
        await Qbo.DeleteAsync(context, "Customer", customer, Ct);
        var after = await Qbo.GetAsync(context, "Customer", customer.RemoteId, Ct);
        Assert.False(after!.Canonical["active"]!.GetValue<bool>());
    }

    private async Task<RemoteRecord> CreateInvoiceAsync(ConnectorContext context, string hostId)
    {
        var customer = await Qbo.CreateAsync(context, "Customer", Customer("c-" + hostId, "Invoice Customer " + hostId), "key-c-" + hostId, Ct);
        var item = (await Pages.DrainAsync(Qbo, context, "Item", SyncMode.Full)).Records[0];
        var invoice = new OutboundRecord(hostId, new JsonObject
        {
            ["customerId"] = "c-" + hostId,
            ["issueDate"] = "2026-01-15",
            ["dueDate"] = "2026-02-14",
            ["currency"] = "USD",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Consulting", ["itemId"] = "i-1", ["quantity"] = 3m, ["unitPrice"] = 125.5m }),
        }, new Dictionary<string, string> { ["Customer:c-" + hostId] = customer.RemoteId, ["Item:i-1"] = item.RemoteId });
        return await Qbo.CreateAsync(context, "Invoice", invoice, "key-" + hostId, Ct);
    }

    [Fact]
    public async Task Create_find_by_reference_and_update_round_trip_preserving_unmapped_fields()
    {
        var context = await ContextAsync();
        var created = await Qbo.CreateAsync(context, "Customer", Customer("host-rt-1", "Round Trip Traders", "rt@example.com"), "key-rt-1", Ct);
        Assert.Equal("ih:host-rt-1", created.Reference);
        Assert.Equal("Round Trip Traders", created.Canonical["name"]!.GetValue<string>());

        var found = await Qbo.FindByReferenceAsync(context, "Customer", "ih:host-rt-1", Ct);
        Assert.Equal(created.RemoteId, found!.RemoteId);
        Assert.Null(await Qbo.FindByReferenceAsync(context, "Customer", "ih:nobody", Ct));

        // A field the hub does not map, set in QuickBooks by a user, survives the hub's update.
        await harness.Simulator.PatchAsync($"/control/qbo/companies/{Realm}/Customer/{created.RemoteId}", new { PreferredDeliveryMethod = "Email", Taxable = true });
        var current = await Qbo.GetAsync(context, "Customer", created.RemoteId, Ct);
        var updated = await Qbo.UpdateAsync(context, "Customer", Customer("host-rt-1", "Round Trip Traders", "new@example.com"), current!, "key-rt-1-v2", Ct);
        Assert.Equal("new@example.com", updated.Canonical["email"]!.GetValue<string>());
        Assert.Equal("Email", updated.Raw["PreferredDeliveryMethod"]!.GetValue<string>());
        Assert.True(updated.Raw["Taxable"]!.GetValue<bool>());
        Assert.Equal("ih:host-rt-1", updated.Reference);
        Assert.NotEqual(current!.Raw["SyncToken"]!.GetValue<string>(), updated.Raw["SyncToken"]!.GetValue<string>());

        var requests = await harness.Simulator.RequestsAsync("/customer");
        Assert.Contains(requests, r => r.GetProperty("method").GetString() == "POST" && r.GetProperty("query").GetString()!.Contains("requestid=key-rt-1-v2"));
    }

    [Fact]
    public async Task Invoice_round_trip_maps_lines_and_totals()
    {
        var context = await ContextAsync();
        var created = await CreateInvoiceAsync(context, "host-inv-rt");
        Assert.Equal(376.5m, created.Canonical["total"]!.GetValue<decimal>());
        Assert.Equal("authorised", created.Canonical["status"]!.GetValue<string>());
        Assert.Equal("ih:host-inv-rt", created.Reference);
        var found = await Qbo.FindByReferenceAsync(context, "Invoice", "ih:host-inv-rt", Ct);
        Assert.Equal(created.RemoteId, found!.RemoteId);
        Assert.Equal(CanonicalJson.Hash(created.Canonical), CanonicalJson.Hash(found.Canonical));
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_creates_one_record()
    {
        var context = await ContextAsync();
        var first = await Qbo.CreateAsync(context, "Customer", Customer("host-idem", "Idempotent Imports"), "key-idem", Ct);
        var second = await Qbo.CreateAsync(context, "Customer", Customer("host-idem", "Idempotent Imports"), "key-idem", Ct);
        Assert.Equal(first.RemoteId, second.RemoteId);
        var all = (await Pages.DrainAsync(Qbo, context, "Customer", SyncMode.Full)).Records;
        Assert.Single(all, r => r.Reference == "ih:host-idem");
    }

    [Fact]
    public async Task A_stale_sync_token_is_reported_as_stale()
    {
        var context = await ContextAsync();
        var created = await Qbo.CreateAsync(context, "Customer", Customer("host-stale", "Stale Supplies"), "key-stale", Ct);
        await harness.Simulator.PatchAsync($"/control/qbo/companies/{Realm}/Customer/{created.RemoteId}", new { CompanyName = "Changed meanwhile" });
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Qbo.UpdateAsync(context, "Customer", Customer("host-stale", "Stale Supplies", "x@example.com"), created, "key-stale-2", Ct));
        Assert.Equal(ErrorClass.Stale, error.Class);
        Assert.Equal("5010", error.ProviderCode);
    }

    [Fact]
    public async Task A_duplicate_name_is_reported_with_the_existing_record()
    {
        var context = await ContextAsync();
        var existing = (await Pages.DrainAsync(Qbo, context, "Customer", SyncMode.Full)).Records.First(r => r.Canonical["active"]!.GetValue<bool>());
        var name = existing.Canonical["name"]!.GetValue<string>();
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Qbo.CreateAsync(context, "Customer", Customer("host-dup", name), "key-dup", Ct));
        Assert.Equal(ErrorClass.Duplicate, error.Class);
        Assert.Equal(existing.RemoteId, error.ExistingRemoteId);
    }

    [Fact]
    public async Task An_invalid_reference_is_a_validation_failure_with_the_providers_message()
    {
        var context = await ContextAsync();
        var invoice = new OutboundRecord("host-bad", new JsonObject
        {
            ["customerId"] = "999999",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "x", ["amount"] = 10m }),
        }, new Dictionary<string, string>());
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Qbo.CreateAsync(context, "Invoice", invoice, "key-bad", Ct));
        Assert.Equal(ErrorClass.Validation, error.Class);
        Assert.Equal("2500", error.ProviderCode);
        Assert.Contains("Invalid Reference", error.Message);
    }

    [Fact]
    public async Task A_throttle_is_rate_limited_with_the_providers_delay_and_server_errors_are_transient()
    {
        var context = await ContextAsync();
        await harness.Simulator.FaultAsync("qbo", "RateLimit", "/query", 1);
        var throttled = await Assert.ThrowsAsync<ConnectorException>(() => Qbo.ListAsync(context, "Item", SyncMode.Full, new SyncPosition(null, null, null), Ct));
        Assert.Equal(ErrorClass.RateLimited, throttled.Class);
        Assert.Equal(TimeSpan.FromSeconds(60), throttled.RetryAfter);
        Assert.Equal(429, throttled.StatusCode);

        await harness.Simulator.FaultAsync("qbo", "Error", "/query", 1, 503);
        var failed = await Assert.ThrowsAsync<ConnectorException>(() => Qbo.ListAsync(context, "Item", SyncMode.Full, new SyncPosition(null, null, null), Ct));
        Assert.Equal(ErrorClass.Transient, failed.Class);

        await harness.Simulator.FaultAsync("qbo", "Malformed", "/query", 1);
        var garbled = await Assert.ThrowsAsync<ConnectorException>(() => Qbo.ListAsync(context, "Item", SyncMode.Full, new SyncPosition(null, null, null), Ct));
        Assert.Equal(ErrorClass.Transient, garbled.Class);

        Assert.NotEmpty((await Qbo.ListAsync(context, "Item", SyncMode.Full, new SyncPosition(null, null, null), Ct)).Records);
    }

    [Fact]
    public async Task A_garbage_cursor_fails_the_listing_loudly()
    {
        var context = await ContextAsync();
        await Assert.ThrowsAsync<InvalidCursorException>(() => Qbo.ListAsync(context, "Customer", SyncMode.Incremental, new SyncPosition("not-a-cursor", null, null), Ct));
        await Assert.ThrowsAsync<InvalidCursorException>(() => Qbo.ListAsync(context, "Customer", SyncMode.Incremental, new SyncPosition(null, "qbo1q:zz:1", null), Ct));
    }
}
