using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Tests.Simulated;

/// <summary>The Xero connector against the simulated Demo Company (NZ), through a real connection.</summary>
public class XeroConnectorTests(ConnectorHarness harness) : IClassFixture<ConnectorHarness>
{
    private const string Tenant = Simulator.DemoXeroTenant;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ISyncConnector Xero => harness.Connector("xero");
    private Task<ConnectorContext> ContextAsync() => harness.ConnectAsync("xero", Tenant);

    private static OutboundRecord Contact(string hostId, string name, string? email = null) =>
        new(hostId, new JsonObject { ["name"] = name, ["email"] = email, ["active"] = true }, new Dictionary<string, string>());

    /// <summary>How many records the simulator's own API lists for a filter (an independent count for the comparison).</summary>
    private async Task<int> ItemCountAsync(string collection, string? where)
    {
        var (token, _, _) = await harness.Simulator.IssueTokensAsync("xero", "xero-dev-client", Tenant);
        using var client = harness.Simulator.Control();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/xero/api.xro/2.0/{collection}?page=1&pageSize=1" + (where is null ? "" : "&where=" + Uri.EscapeDataString(where)));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("xero-tenant-id", Tenant);
        using var response = await client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("pagination").GetProperty("itemCount").GetInt32();
    }

    [Fact]
    public async Task Full_sync_of_the_demo_organisation_returns_exactly_the_simulator_counts()
    {
        var context = await ContextAsync();
        var counts = await harness.Simulator.CountsAsync("xero", Tenant);
        Assert.Equal(await ItemCountAsync("Contacts", null), (await Pages.DrainAsync(Xero, context, "Customer", SyncMode.Full)).Records.Count);
        Assert.Equal(counts["Items"], (await Pages.DrainAsync(Xero, context, "Item", SyncMode.Full)).Records.Count);
        Assert.Equal(counts["Accounts"], (await Pages.DrainAsync(Xero, context, "Account", SyncMode.Full)).Records.Count);
        var invoices = (await Pages.DrainAsync(Xero, context, "Invoice", SyncMode.Full)).Records;
        Assert.Equal(await ItemCountAsync("Invoices", "Type==\"ACCREC\" AND Status!=\"DELETED\" AND Status!=\"VOIDED\""), invoices.Count);
        Assert.Equal(invoices.Count, invoices.Select(i => i.RemoteId).Distinct().Count());
        Assert.All(invoices, i => Assert.NotNull(i.Canonical["customerId"]));
        Assert.Contains(invoices, i => i.Canonical["lines"]!.AsArray().Any(l => l!["itemId"] is not null));
        var payments = (await Pages.DrainAsync(Xero, context, "Payment", SyncMode.Full)).Records;
        Assert.Equal(await ItemCountAsync("Payments", "PaymentType==\"ACCRECPAYMENT\" AND Status!=\"DELETED\""), payments.Count);
        Assert.NotEmpty(payments);
        Assert.Equal(await ItemCountAsync("CreditNotes", "Type==\"ACCRECCREDIT\""), (await Pages.DrainAsync(Xero, context, "CreditNote", SyncMode.Full)).Records.Count);
    }

    [Fact]
    public async Task Incremental_after_changes_returns_exactly_the_changed_records_and_statuses_as_deletions()
    {
        var context = await ContextAsync();
        // If-Modified-Since has whole seconds and the cursor comes from the HTTP Date header (Kestrel refreshes it once a
        // second): leave two seconds so earlier tests' writes are not in the window.
        await Task.Delay(2100, Ct);
        var (contacts, contactCursor, _) = await Pages.DrainAsync(Xero, context, "Customer", SyncMode.Full);
        var (invoices, invoiceCursor, _) = await Pages.DrainAsync(Xero, context, "Invoice", SyncMode.Full);
        await Task.Delay(2100, Ct);
        var edited = contacts[3];
        var archived = contacts[4];
        var voided = invoices.First(i => i.Raw["Status"]!.GetValue<string>() == "AUTHORISED" && i.Canonical["amountPaid"]!.GetValue<decimal>() == 0);
        await harness.Simulator.PatchAsync($"/control/xero/organisations/{Tenant}/Contacts/{edited.RemoteId}", new { EmailAddress = "edited@example.com" });
        await harness.Simulator.PatchAsync($"/control/xero/organisations/{Tenant}/Contacts/{archived.RemoteId}", new { ContactStatus = "ARCHIVED" });
        await harness.Simulator.PatchAsync($"/control/xero/organisations/{Tenant}/Invoices/{voided.RemoteId}", new { Status = "VOIDED" });

        var changedContacts = (await Pages.DrainAsync(Xero, context, "Customer", SyncMode.Incremental, contactCursor)).Records.ToDictionary(r => r.RemoteId);
        Assert.Equal(new[] { edited.RemoteId, archived.RemoteId }.Order(), changedContacts.Keys.Order());
        Assert.Equal("edited@example.com", changedContacts[edited.RemoteId].Canonical["email"]!.GetValue<string>());
        Assert.False(changedContacts[edited.RemoteId].Deleted);
        Assert.True(changedContacts[archived.RemoteId].Deleted);

        var (changedInvoices, nextCursor, _) = await Pages.DrainAsync(Xero, context, "Invoice", SyncMode.Incremental, invoiceCursor);
        var changed = Assert.Single(changedInvoices);
        Assert.Equal(voided.RemoteId, changed.RemoteId);
        Assert.True(changed.Deleted);
        Assert.Equal("voided", changed.Canonical["status"]!.GetValue<string>());

        var sent = await harness.Simulator.RequestsAsync("/Invoices");
        Assert.Contains(sent, r => r.GetProperty("headers").TryGetProperty("If-Modified-Since", out _) && r.GetProperty("query").GetString()!.Contains("order=UpdatedDateUTC"));
        Assert.StartsWith("xero1:", nextCursor);
    }

    [Fact]
    public async Task Create_find_by_reference_and_update_round_trip_preserving_unmapped_fields()
    {
        var context = await ContextAsync();
        var created = await Xero.CreateAsync(context, "Customer", Contact("host-x-rt", "Kiwi Round Trip Ltd", "rt@example.nz"), "xkey-rt", Ct);
        Assert.Equal("ih:host-x-rt", created.Reference);
        var found = await Xero.FindByReferenceAsync(context, "Customer", "ih:host-x-rt", Ct);
        Assert.Equal(created.RemoteId, found!.RemoteId);
        Assert.Null(await Xero.FindByReferenceAsync(context, "Customer", "ih:nobody", Ct));

        await harness.Simulator.PatchAsync($"/control/xero/organisations/{Tenant}/Contacts/{created.RemoteId}", new { Website = "https://kiwi.example", IsSupplier = true });
        var current = await Xero.GetAsync(context, "Customer", created.RemoteId, Ct);
        var updated = await Xero.UpdateAsync(context, "Customer", Contact("host-x-rt", "Kiwi Round Trip Ltd", "new@example.nz"), current!, "xkey-rt-2", Ct);
        Assert.Equal("new@example.nz", updated.Canonical["email"]!.GetValue<string>());
        Assert.Equal("https://kiwi.example", updated.Raw["Website"]!.GetValue<string>());
        Assert.True(updated.Raw["IsSupplier"]!.GetValue<bool>());
        Assert.Equal("ih:host-x-rt", updated.Reference);
    }

    [Fact]
    public async Task Invoice_create_with_linked_contact_and_item_round_trips()
    {
        var context = await ContextAsync();
        var contact = await Xero.CreateAsync(context, "Customer", Contact("host-x-c1", "Invoice Kiwi Ltd"), "xkey-c1", Ct);
        var item = (await Pages.DrainAsync(Xero, context, "Item", SyncMode.Full)).Records[0];
        var invoice = new OutboundRecord("host-x-inv", new JsonObject
        {
            ["customerId"] = "host-x-c1",
            ["issueDate"] = "2026-02-01",
            ["dueDate"] = "2026-03-01",
            ["status"] = "authorised",
            ["currency"] = "NZD",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Widgets", ["itemId"] = "host-item", ["quantity"] = 4m, ["unitPrice"] = 12.5m, ["accountCode"] = "200" }),
        }, new Dictionary<string, string> { ["Customer:host-x-c1"] = contact.RemoteId, ["Item:host-item"] = item.RemoteId });
        var created = await Xero.CreateAsync(context, "Invoice", invoice, "xkey-inv", Ct);
        Assert.Equal(50m, created.Canonical["total"]!.GetValue<decimal>());
        Assert.Equal("authorised", created.Canonical["status"]!.GetValue<string>());
        Assert.Equal(contact.RemoteId, created.Canonical["customerId"]!.GetValue<string>());
        Assert.Equal(item.RemoteId, created.Canonical["lines"]![0]!["itemId"]!.GetValue<string>());
        Assert.Equal("2026-02-01", created.Canonical["issueDate"]!.GetValue<string>());
        Assert.Equal("ih:host-x-inv", created.Reference);
        Assert.Equal(created.RemoteId, (await Xero.FindByReferenceAsync(context, "Invoice", "ih:host-x-inv", Ct))!.RemoteId);

        var sent = await harness.Simulator.RequestsAsync("/Invoices");
        Assert.Contains(sent, r => r.GetProperty("method").GetString() == "PUT" && r.GetProperty("headers").TryGetProperty("Idempotency-Key", out var key) && key.GetString() == "xkey-inv");
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_creates_one_record()
    {
        var context = await ContextAsync();
        var first = await Xero.CreateAsync(context, "Customer", Contact("host-x-idem", "Idempotent Kiwi"), "xkey-idem", Ct);
        var second = await Xero.CreateAsync(context, "Customer", Contact("host-x-idem", "Idempotent Kiwi"), "xkey-idem", Ct);
        Assert.Equal(first.RemoteId, second.RemoteId);
        var all = (await Pages.DrainAsync(Xero, context, "Customer", SyncMode.Full)).Records;
        Assert.Single(all, r => r.Reference == "ih:host-x-idem");
    }

    [Fact]
    public async Task A_per_item_validation_error_is_a_validation_failure_with_the_message()
    {
        var context = await ContextAsync();
        var contact = (await Pages.DrainAsync(Xero, context, "Customer", SyncMode.Full)).Records[0];
        var invoice = new OutboundRecord("host-x-bad", new JsonObject
        {
            ["customerId"] = contact.RemoteId,
            ["status"] = "draft",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Bad account", ["quantity"] = 1m, ["unitPrice"] = 10m, ["accountCode"] = "99999" }),
        }, new Dictionary<string, string>());
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Xero.CreateAsync(context, "Invoice", invoice, "xkey-bad", Ct));
        Assert.Equal(ErrorClass.Validation, error.Class);
        Assert.Contains("Account code '99999' is not a valid code", error.Message);
    }

    [Fact]
    public async Task A_duplicate_contact_name_is_reported_with_the_existing_contact()
    {
        var context = await ContextAsync();
        var existing = (await Pages.DrainAsync(Xero, context, "Customer", SyncMode.Full)).Records[1];
        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            Xero.CreateAsync(context, "Customer", Contact("host-x-dup", existing.Canonical["name"]!.GetValue<string>()), "xkey-dup", Ct));
        Assert.Equal(ErrorClass.Duplicate, error.Class);
        Assert.Equal(existing.RemoteId, error.ExistingRemoteId);
    }

    [Fact]
    public async Task Deleting_archives_contacts_and_deletes_drafts()
    {
        var context = await ContextAsync();
        var contact = await Xero.CreateAsync(context, "Customer", Contact("host-x-gone", "Gone Kiwi Ltd"), "xkey-gone", Ct);
        var draft = await Xero.CreateAsync(context, "Invoice", new OutboundRecord("host-x-draft", new JsonObject
        {
            ["customerId"] = contact.RemoteId,
            ["status"] = "draft",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Draft line", ["quantity"] = 1m, ["unitPrice"] = 5m, ["accountCode"] = "200" }),
        }, new Dictionary<string, string>()), "xkey-draft", Ct);
        await Xero.DeleteAsync(context, "Invoice", draft, Ct);
        await Xero.DeleteAsync(context, "Customer", contact, Ct);
        var deletedDraft = await Xero.GetAsync(context, "Invoice", draft.RemoteId, Ct);
        Assert.True(deletedDraft!.Deleted);
        Assert.Equal("DELETED", deletedDraft.Raw["Status"]!.GetValue<string>());
        Assert.True((await Xero.GetAsync(context, "Customer", contact.RemoteId, Ct))!.Deleted);
        Assert.Null(await Xero.GetAsync(context, "Customer", Guid.NewGuid().ToString(), Ct));
    }

    [Fact]
    public async Task A_throttle_is_rate_limited_with_retry_after_and_the_limit_named()
    {
        var context = await ContextAsync();
        await harness.Simulator.FaultAsync("xero", "RateLimit", "/Items", 1);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => Xero.ListAsync(context, "Item", SyncMode.Full, new SyncPosition(null, null, null), Ct));
        Assert.Equal(ErrorClass.RateLimited, error.Class);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Equal("minute", error.ProviderCode);

        await harness.Simulator.FaultAsync("xero", "Error", "/Items", 1, 500);
        Assert.Equal(ErrorClass.Transient, (await Assert.ThrowsAsync<ConnectorException>(() => Xero.ListAsync(context, "Item", SyncMode.Full, new SyncPosition(null, null, null), Ct))).Class);
    }

    [Fact]
    public async Task A_garbage_cursor_fails_the_listing_loudly()
    {
        var context = await ContextAsync();
        await Assert.ThrowsAsync<InvalidCursorException>(() => Xero.ListAsync(context, "Invoice", SyncMode.Incremental, new SyncPosition("qbo1:2024-01-01T00:00:00.0000000Z", null, null), Ct));
    }
}
