using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Connectors.Xero;
using IntegrationHub.Connectors.Xero.Mapping;
using IntegrationHub.Core.Sync;
using static IntegrationHub.Connectors.Tests.Infrastructure.Payload;

namespace IntegrationHub.Connectors.Tests.Mapping;

/// <summary>Xero payloads (the GET /Invoices example of xero_accounting.yaml, the contact example of VENDORS.md) mapped both ways.</summary>
public class XeroMappingTests
{
    private static readonly IReadOnlyDictionary<string, string> NoItems = new Dictionary<string, string>();

    private static List<JsonObject> SpecInvoices()
    {
        var example = VendorSpecs.XeroAccounting.At("paths", "/Invoices", "get", "responses", "200", "content", "application/json", "example")
            ?? throw new InvalidOperationException("the GET /Invoices example is missing from xero_accounting.yaml");
        return [.. VendorSpecs.ToJson(example)!["Invoices"]!.AsArray().Select(i => i!.AsObject())];
    }

    [Fact]
    public void Spec_example_invoices_map_to_the_canonical_shape()
    {
        var invoices = SpecInvoices();
        var voided = invoices.Single(i => Str(i["InvoiceNumber"]) == "INV-0001");
        var (c, deleted) = XeroDocumentMapping.InvoiceToCanonical(voided, NoItems);
        Assert.True(deleted);
        Assert.Equal("voided", Str(c["status"]));
        Assert.Equal("INV-0001", Str(c["number"]));
        Assert.Equal("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7", Str(c["customerId"]));
        Assert.Equal("2018-10-20", Str(c["issueDate"]));
        Assert.Equal("2018-12-30", Str(c["dueDate"]));
        Assert.Equal("NZD", Str(c["currency"]));
        Assert.Equal("Red Fish, Blue Fish", Str(c["reference"]));
        Assert.Equal(40m, Dec(c["total"]));
        Assert.Equal(40m, Dec(c["subtotal"]));
        Assert.Equal(0m, Dec(c["taxTotal"]));

        var paid = invoices.Single(i => Str(i["InvoiceNumber"]) == "INV-0002");
        var (p, paidDeleted) = XeroDocumentMapping.InvoiceToCanonical(paid, NoItems);
        Assert.False(paidDeleted);
        Assert.Equal("paid", Str(p["status"]));
        Assert.Equal(46m, Dec(p["amountPaid"]));
        Assert.Equal(0m, Dec(p["amountDue"]));
    }

    [Theory]
    [InlineData("/Date(1539993600000+0000)/", "2018-10-20T00:00:00Z")]
    [InlineData("/Date(1550793549392)/", "2019-02-22T00:00:00Z")]
    [InlineData("/Date(1551399321043+1300)/", "2019-03-01T00:15:21.043Z")]
    [InlineData("2019-03-11T00:00:00", "2019-03-11T00:00:00Z")]
    public void Xero_dates_parse_to_utc_instants(string text, string expected)
    {
        var parsed = XeroDates.Parse(text)!.Value;
        if (text == "/Date(1550793549392)/") Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1550793549392), parsed);
        else Assert.Equal(DateTimeOffset.Parse(expected), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/Date(abc)/")]
    [InlineData("not a date")]
    public void Unreadable_dates_are_null(string text) => Assert.Null(XeroDates.Parse(text));

    [Fact]
    public void Contact_maps_to_the_canonical_shape_with_the_postal_address()
    {
        var (c, deleted) = XeroContactMapping.ToCanonical(Load("xero-contact.json"));
        Assert.False(deleted);
        Assert.Equal("Foo9987", Str(c["name"]));
        Assert.Equal("sid32476@blah.com", Str(c["email"]));
        Assert.Equal("64 04 8883333", Str(c["phone"]));
        Assert.Equal("NZD", Str(c["currency"]));
        Assert.Equal("12-345-678", Str(c["taxNumber"]));
        Assert.True(c["active"]!.GetValue<bool>());
        Assert.Equal("PO Box 123", Str(c["billingAddress"]!["line1"]));
        Assert.Equal("6140", Str(c["billingAddress"]!["postalCode"]));
    }

    [Fact]
    public void Archived_contacts_are_deleted()
    {
        var contact = Load("xero-contact.json");
        contact["ContactStatus"] = "ARCHIVED";
        var (c, deleted) = XeroContactMapping.ToCanonical(contact);
        Assert.True(deleted);
        Assert.False(c["active"]!.GetValue<bool>());
    }

    [Fact]
    public void Contact_update_keeps_unmapped_fields_other_phones_and_addresses()
    {
        var current = Load("xero-contact.json");
        var canonical = new JsonObject { ["name"] = "Foo9987", ["phone"] = "021 555 000", ["billingAddress"] = new JsonObject { ["line1"] = "PO Box 999" } };
        var body = XeroContactMapping.ToXero(canonical, current, "ih:ignored");
        Assert.Equal("https://foo.example", Str(body["Website"]));
        Assert.Equal("VIP", Str(body["ContactGroups"]![0]!["Name"]));
        Assert.False(body.ContainsKey("ContactNumber"));
        var phones = body["Phones"]!.AsArray();
        Assert.Equal("021 555 000", Str(phones.Single(p => Str(p!["PhoneType"]) == "DEFAULT")!["PhoneNumber"]));
        Assert.Equal("8884444", Str(phones.Single(p => Str(p!["PhoneType"]) == "FAX")!["PhoneNumber"]));
        var addresses = body["Addresses"]!.AsArray();
        Assert.Equal("PO Box 999", Str(addresses.Single(a => Str(a!["AddressType"]) == "POBOX")!["AddressLine1"]));
        Assert.Equal("6140", Str(addresses.Single(a => Str(a!["AddressType"]) == "POBOX")!["PostalCode"]));
        Assert.Equal("1 Street Road", Str(addresses.Single(a => Str(a!["AddressType"]) == "STREET")!["AddressLine1"]));
    }

    [Fact]
    public void Contact_create_writes_the_hub_reference_into_ContactNumber()
    {
        var body = XeroContactMapping.ToXero(new JsonObject { ["name"] = "New Co", ["active"] = true }, null, "ih:c-9");
        Assert.Equal("ih:c-9", Str(body["ContactNumber"]));
        Assert.Equal("ACTIVE", Str(body["ContactStatus"]));
    }

    [Fact]
    public void Invoice_outbound_drops_computed_fields_and_names_items_by_code()
    {
        var current = SpecInvoices().Single(i => Str(i["InvoiceNumber"]) == "INV-0002");
        current["Status"] = "DRAFT";
        current["LineItems"] = new JsonArray(new JsonObject { ["LineItemID"] = "5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f", ["Description"] = "Old", ["Quantity"] = 1m, ["UnitAmount"] = 10m, ["LineAmount"] = 10m, ["Tracking"] = new JsonArray() });
        var canonical = new JsonObject
        {
            ["customerId"] = "host-c",
            ["status"] = "authorised",
            ["issueDate"] = "2024-03-01",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Widgets", ["itemId"] = "host-i", ["quantity"] = 3m, ["unitPrice"] = 20m, ["accountCode"] = "200" }),
        };
        var links = new Dictionary<string, string> { ["Customer:host-c"] = "a3675fc4-f8dd-4f03-ba5b-f1870566bcd7", ["Item:host-i"] = "item-guid" };
        var codes = new Dictionary<string, string> { ["item-guid"] = "WIDGET" };
        var body = XeroDocumentMapping.ToXero(canonical, current, null, links, codes, invoice: true);
        Assert.Equal("AUTHORISED", Str(body["Status"]));
        Assert.Equal("2024-03-01", Str(body["Date"]));
        Assert.Equal("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7", Str(body["Contact"]!["ContactID"]));
        Assert.False(body.ContainsKey("Total"));
        Assert.False(body.ContainsKey("AmountPaid"));
        Assert.False(body.ContainsKey("Payments"));
        Assert.False(body.ContainsKey("DateString"));
        Assert.Equal("Red Fish, Blue Fish", Str(body["Reference"]));
        var line = body["LineItems"]![0]!.AsObject();
        Assert.Equal("5f7a612b-fdcc-4d33-90fa-a9f6bc6db32f", Str(line["LineItemID"]));
        Assert.Equal("WIDGET", Str(line["ItemCode"]));
        Assert.Equal(20m, Dec(line["UnitAmount"]));
        Assert.False(line.ContainsKey("LineAmount"));
        Assert.NotNull(line["Tracking"]);
    }

    [Fact]
    public void Invoice_lines_resolve_item_codes_to_item_ids_and_hub_references_are_recognised()
    {
        var invoice = new JsonObject
        {
            ["InvoiceID"] = "00000000-0000-0000-0000-000000000001", ["Type"] = "ACCREC", ["Status"] = "AUTHORISED", ["Reference"] = "ih:host-9",
            ["LineItems"] = new JsonArray(new JsonObject { ["ItemCode"] = "WIDGET", ["Quantity"] = 2m, ["UnitAmount"] = 5m, ["LineAmount"] = 10m }),
        };
        var (c, _) = XeroDocumentMapping.InvoiceToCanonical(invoice, new Dictionary<string, string> { ["WIDGET"] = "item-guid" });
        Assert.Equal("item-guid", Str(c["lines"]![0]!["itemId"]));
        Assert.Null(c["reference"]);
        Assert.Equal("authorised", Str(c["status"]));
    }

    [Fact]
    public void Payment_allocates_to_its_invoice_and_deleted_payments_are_deleted()
    {
        var payment = (JsonObject)JsonNode.Parse("""{"PaymentID":"p-1","Date":"/Date(1543449600000+0000)/","Amount":46.00,"Reference":"DD-1","Status":"DELETED","Invoice":{"InvoiceID":"046d8a6d-1ae1-4b4d-9340-5601bdf41b87","CurrencyCode":"NZD","Contact":{"ContactID":"a3675fc4-f8dd-4f03-ba5b-f1870566bcd7"}}}""")!;
        var (c, deleted) = XeroPaymentMapping.ToCanonical(payment);
        Assert.True(deleted);
        Assert.Equal("2018-11-29", Str(c["date"]));
        Assert.Equal(46m, Dec(c["amount"]));
        Assert.Equal("NZD", Str(c["currency"]));
        Assert.Equal("a3675fc4-f8dd-4f03-ba5b-f1870566bcd7", Str(c["customerId"]));
        Assert.Equal("046d8a6d-1ae1-4b4d-9340-5601bdf41b87", Str(c["allocations"]![0]!["invoiceId"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("qbo1:2024-01-01T00:00:00.0000000Z")]
    [InlineData("xero1:2024-13-01T00:00:00.0000000Z")]
    public void Unreadable_cursors_fail_loudly(string cursor) => Assert.Throws<InvalidCursorException>(() => XeroPositions.ParseCursor(cursor));

    [Theory]
    [InlineData("xero1p:0:0:1")]
    [InlineData("xero1p:1:0")]
    [InlineData("xero1p:x:0:1")]
    [InlineData("qbo1f:1:1")]
    public void Unreadable_page_tokens_fail_loudly(string token) => Assert.Throws<InvalidCursorException>(() => XeroPositions.ParsePage(token));

    [Fact]
    public void Long_idempotency_keys_are_hashed_to_fit_xero_limit()
    {
        Assert.Equal("short-key", XeroConnector.IdempotencyKey("short-key"));
        var longKey = new string('k', 200);
        var hashed = XeroConnector.IdempotencyKey(longKey);
        Assert.Equal(64, hashed.Length);
        Assert.Equal(hashed, XeroConnector.IdempotencyKey(longKey));
        Assert.NotEqual(hashed, XeroConnector.IdempotencyKey(longKey + "x"));
    }
}
