using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class XeroApiTests
{
    private const string Base = "/xero/api.xro/2.0";

    private static async Task<(string ContactId, string BankCode)> Basics(HttpClient client)
    {
        var contacts = await (await client.GetAsync($"{Base}/Contacts?page=1")).Body();
        var accounts = await (await client.GetAsync($"{Base}/Accounts")).Body();
        var bank = accounts["Accounts"]!.AsArray().First(a => a!["Type"]!.GetValue<string>() == "BANK")!;
        return (contacts["Contacts"]![0]!["ContactID"]!.GetValue<string>(), bank["Code"]!.GetValue<string>());
    }

    private static string Invoice(string contactId, string status = "AUTHORISED", decimal unit = 50) =>
        $$"""{"Type":"ACCREC","Contact":{"ContactID":"{{contactId}}"},"Date":"2024-03-01","DueDate":"2024-03-31","Status":"{{status}}","LineItems":[{"Description":"Consulting","Quantity":2,"UnitAmount":{{unit}},"AccountCode":"200","TaxType":"NONE"}]}""";

    [Fact]
    public async Task Put_creates_with_xero_dates_and_totals()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        var (contact, _) = await Basics(client);
        var response = await client.PutJson($"{Base}/Invoices", $$"""{"Invoices":[{{Invoice(contact)}}]}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"""UpdatedDateUTC"":""/Date\(\d+\+0000\)/""", text);
        var invoice = (await response.Body())["Invoices"]![0]!;
        Assert.Equal("2024-03-01T00:00:00", invoice["DateString"]!.GetValue<string>());
        Assert.Equal(100m, invoice["Total"]!.GetValue<decimal>());
        Assert.Equal(100m, invoice["AmountDue"]!.GetValue<decimal>());
        var id = invoice["InvoiceID"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Base}/Invoices/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Base}/Invoices/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Summarize_errors_false_saves_the_good_items_and_flags_the_bad()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        var (contact, _) = await Basics(client);
        var body = $$"""{"Invoices":[{{Invoice(contact)}},{"Type":"ACCREC","LineItems":[]}]}""";
        var mixed = await client.PostJson($"{Base}/Invoices", body);
        Assert.Equal(HttpStatusCode.OK, mixed.StatusCode);
        var items = (await mixed.Body())["Invoices"]!.AsArray();
        Assert.False(items[0]!["HasErrors"]!.GetValue<bool>());
        Assert.True(items[1]!["HasErrors"]!.GetValue<bool>());
        Assert.Equal("ERROR", items[1]!["StatusAttributeString"]!.GetValue<string>());
        Assert.NotEmpty(items[1]!["ValidationErrors"]!.AsArray());

        var summarized = await client.PostJson($"{Base}/Invoices?summarizeErrors=true", body);
        Assert.Equal(HttpStatusCode.BadRequest, summarized.StatusCode);
        var error = await summarized.Body();
        Assert.Equal("ValidationException", error["Type"]!.GetValue<string>());
        Assert.Equal(10, error["ErrorNumber"]!.GetValue<int>());
    }

    [Fact]
    public async Task Status_transitions_follow_xero_and_payments_mark_paid()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        var (contact, bank) = await Basics(client);
        var draft = (await (await client.PutJson($"{Base}/Invoices", Invoice(contact, "DRAFT"))).Body())["Invoices"]![0]!;
        var id = draft["InvoiceID"]!.GetValue<string>();
        var authorised = (await (await client.PostJson($"{Base}/Invoices/{id}", """{"Status":"AUTHORISED"}""")).Body())["Invoices"]![0]!;
        Assert.Equal("AUTHORISED", authorised["Status"]!.GetValue<string>());
        var back = (await (await client.PostJson($"{Base}/Invoices/{id}", """{"Status":"DRAFT"}""")).Body())["Invoices"]![0]!;
        Assert.True(back["HasErrors"]!.GetValue<bool>());

        var over = await (await client.PutJson($"{Base}/Payments", $$"""{"Invoice":{"InvoiceID":"{{id}}"},"Account":{"Code":"{{bank}}"},"Date":"2024-03-10","Amount":500}""")).Body();
        Assert.True(over["Payments"]![0]!["HasValidationErrors"]!.GetValue<bool>());
        await client.PutJson($"{Base}/Payments", $$"""{"Invoice":{"InvoiceID":"{{id}}"},"Account":{"Code":"{{bank}}"},"Date":"2024-03-10","Amount":30}""");
        var partly = (await (await client.GetAsync($"{Base}/Invoices/{id}")).Body())["Invoices"]![0]!;
        Assert.Equal((30m, 70m, "AUTHORISED"), (partly["AmountPaid"]!.GetValue<decimal>(), partly["AmountDue"]!.GetValue<decimal>(), partly["Status"]!.GetValue<string>()));
        var last = (await (await client.PutJson($"{Base}/Payments", $$"""{"Invoice":{"InvoiceID":"{{id}}"},"Account":{"Code":"{{bank}}"},"Date":"2024-03-11","Amount":70}""")).Body())["Payments"]![0]!;
        var paid = (await (await client.GetAsync($"{Base}/Invoices/{id}")).Body())["Invoices"]![0]!;
        Assert.Equal("PAID", paid["Status"]!.GetValue<string>());
        var voidPaid = (await (await client.PostJson($"{Base}/Invoices/{id}", """{"Status":"VOIDED"}""")).Body())["Invoices"]![0]!;
        Assert.True(voidPaid["HasErrors"]!.GetValue<bool>());

        await client.PostJson($"{Base}/Payments/{last["PaymentID"]}", """{"Status":"DELETED"}""");
        var reopened = (await (await client.GetAsync($"{Base}/Invoices/{id}")).Body())["Invoices"]![0]!;
        Assert.Equal(("AUTHORISED", 70m), (reopened["Status"]!.GetValue<string>(), reopened["AmountDue"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task Where_filters_lists_and_a_bad_where_is_a_validation_error()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        var paid = await (await client.GetAsync($"{Base}/Invoices?where={Uri.EscapeDataString("Status==\"PAID\"")}")).Body();
        Assert.Equal(60, paid["Invoices"]!.AsArray().Count);
        Assert.All(paid["Invoices"]!.AsArray(), i => Assert.Equal("PAID", i!["Status"]!.GetValue<string>()));
        var bad = await client.GetAsync($"{Base}/Invoices?where={Uri.EscapeDataString("Status LIKE 'x'")}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task An_invoice_naming_an_unknown_contact_creates_it()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        var invoice = await (await client.PutJson($"{Base}/Invoices", """{"Type":"ACCREC","Contact":{"Name":"Brand New Customer"},"LineItems":[{"Description":"Setup","Quantity":1,"UnitAmount":10}]}""")).Body();
        var contactId = invoice["Invoices"]![0]!["Contact"]!["ContactID"]!.GetValue<string>();
        var contact = await (await client.GetAsync($"{Base}/Contacts/{contactId}")).Body();
        Assert.Equal("Brand New Customer", contact["Contacts"]![0]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Idempotency_key_replays_and_is_limited_to_128_characters()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        async Task<HttpResponseMessage> Put(string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"{Base}/Contacts") { Content = new StringContent("""{"Contacts":[{"Name":"Idempotent Ltd"}]}""", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var first = await (await Put("key-1")).Body();
        var second = await (await Put("key-1")).Body();
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        Assert.False(first["Contacts"]![0]!["HasValidationErrors"]!.GetValue<bool>());
        var third = await (await Put("key-2")).Body();
        Assert.True(third["Contacts"]![0]!["HasValidationErrors"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Put(new string('k', 129))).StatusCode);
    }

    [Fact]
    public async Task Pages_of_100_by_default_up_to_1000_and_if_modified_since_filters()
    {
        await using var app = new SimulatorApp();
        var client = await app.XeroClient();
        var page = await (await client.GetAsync($"{Base}/Invoices?page=1")).Body();
        Assert.Equal(100, page["Invoices"]!.AsArray().Count);
        Assert.Equal(2, page["pagination"]!["pageCount"]!.GetValue<int>());
        var big = await (await client.GetAsync($"{Base}/Invoices?page=1&pageSize=5000")).Body();
        Assert.Equal(200, big["Invoices"]!.AsArray().Count);
        Assert.Equal(1000, big["pagination"]!["pageSize"]!.GetValue<int>());

        // If-Modified-Since has one-second resolution, so leave a gap either side of the mark.
        app.Time.Advance(TimeSpan.FromSeconds(2));
        var mark = app.Time.GetUtcNow();
        app.Time.Advance(TimeSpan.FromSeconds(2));
        await client.PutJson($"{Base}/Contacts", """{"Name":"Fresh Contact"}""");
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/Contacts");
        request.Headers.IfModifiedSince = mark;
        var changed = await (await client.SendAsync(request)).Body();
        Assert.Equal("Fresh Contact", Assert.Single(changed["Contacts"]!.AsArray())!["Name"]!.GetValue<string>());
    }
}
