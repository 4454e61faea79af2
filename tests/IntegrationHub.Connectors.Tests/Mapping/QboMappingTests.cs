using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.QuickBooks;
using IntegrationHub.Connectors.QuickBooks.Mapping;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Sync;
using static IntegrationHub.Connectors.Tests.Infrastructure.Payload;

namespace IntegrationHub.Connectors.Tests.Mapping;

/// <summary>QBO payloads shaped as Finance.xsd and the VENDORS.md examples, mapped both ways.</summary>
public class QboMappingTests
{
    [Fact]
    public void Invoice_maps_to_the_canonical_shape()
    {
        var record = QboRecords.ToRecord(QboEntity.For("Invoice"), Load("qbo-invoice.json"));
        var c = record.Canonical;
        Assert.Equal("130", record.RemoteId);
        Assert.Equal("ih:host-inv-7", record.Reference);
        Assert.Equal(DateTimeOffset.Parse("2024-01-16T18:20:30Z"), record.UpdatedAt);
        Assert.False(record.Deleted);
        Assert.Equal("1037", Str(c["number"]));
        Assert.Equal("1", Str(c["customerId"]));
        Assert.Equal("2024-01-15", Str(c["issueDate"]));
        Assert.Equal("2024-02-14", Str(c["dueDate"]));
        Assert.Equal("USD", Str(c["currency"]));
        Assert.Equal("authorised", Str(c["status"]));
        var line = Assert.Single(c["lines"]!.AsArray())!.AsObject();
        Assert.Equal("1", Str(line["itemId"]));
        Assert.Equal(1m, Dec(line["quantity"]));
        Assert.Equal(150m, Dec(line["unitPrice"]));
        Assert.Equal(150m, Dec(line["amount"]));
        Assert.Equal("NON", Str(line["taxCode"]));
        Assert.Equal(150m, Dec(c["subtotal"]));
        Assert.Equal(0m, Dec(c["taxTotal"]));
        Assert.Equal(150m, Dec(c["total"]));
        Assert.Equal(0m, Dec(c["amountPaid"]));
        Assert.Equal(150m, Dec(c["amountDue"]));
        Assert.Equal("0", record.Raw["SyncToken"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(150, 0, null, "paid", 150)]
    [InlineData(150, 50, null, "authorised", 100)]
    [InlineData(0, 0, "Voided", "voided", 0)]
    public void Invoice_status_is_derived_from_balance_and_void(decimal total, decimal balance, string? note, string status, decimal paid)
    {
        var invoice = Load("qbo-invoice.json");
        invoice["TotalAmt"] = total;
        invoice["Balance"] = balance;
        invoice["PrivateNote"] = note;
        var c = QboTransactionMapping.InvoiceToCanonical(Element(invoice));
        Assert.Equal(status, Str(c["status"]));
        Assert.Equal(paid, Dec(c["amountPaid"]));
    }

    [Fact]
    public void Customer_maps_to_the_canonical_shape()
    {
        var c = QboCustomerMapping.ToCanonical(Element(Load("qbo-customer.json")));
        Assert.Equal("Amy's Bird Sanctuary", Str(c["name"]));
        Assert.Equal("Birds@Intuit.com", Str(c["email"]));
        Assert.Equal("(650) 555-3311", Str(c["phone"]));
        Assert.Equal("USD", Str(c["currency"]));
        Assert.True(c["active"]!.GetValue<bool>());
        var address = c["billingAddress"]!.AsObject();
        Assert.Equal("4581 Finch St.", Str(address["line1"]));
        Assert.Equal("CA", Str(address["region"]));
        Assert.Equal("94326", Str(address["postalCode"]));
        Assert.Equal("USA", Str(address["country"]));
    }

    [Fact]
    public void Customer_update_lays_mapped_fields_over_the_current_payload()
    {
        var current = Load("qbo-customer.json");
        var canonical = new JsonObject
        {
            ["name"] = "Amy's Bird Sanctuary",
            ["email"] = "amy@birds.example",
            ["companyName"] = null,
            ["billingAddress"] = new JsonObject { ["line1"] = "1 New Road", ["city"] = "Bayshore" },
        };
        var body = QboCustomerMapping.ToQbo(canonical, current, reference: "ih:ignored-on-update");
        Assert.Equal("amy@birds.example", body["PrimaryEmailAddr"]!["Address"]!.GetValue<string>());
        Assert.False(body.ContainsKey("CompanyName"));
        Assert.Equal("1 New Road", body["BillAddr"]!["Line1"]!.GetValue<string>());
        Assert.Equal("94326", body["BillAddr"]!["PostalCode"]!.GetValue<string>());
        Assert.Equal("2", body["BillAddr"]!["Id"]!.GetValue<string>());
        // Unmapped fields come back as read: shipping address, taxable flag, delivery preference, given name.
        Assert.Equal("109", body["ShipAddr"]!["Id"]!.GetValue<string>());
        Assert.True(body["Taxable"]!.GetValue<bool>());
        Assert.Equal("Print", body["PreferredDeliveryMethod"]!.GetValue<string>());
        Assert.Equal("Amy", body["GivenName"]!.GetValue<string>());
        Assert.False(body.ContainsKey("Notes"));
        Assert.Equal("USD", body["CurrencyRef"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Customer_create_carries_the_hub_reference_and_currency()
    {
        var body = QboCustomerMapping.ToQbo(new JsonObject { ["name"] = "New Co", ["currency"] = "EUR", ["active"] = true }, null, "ih:cust-1");
        Assert.Equal("ih:cust-1", body["Notes"]!.GetValue<string>());
        Assert.Equal("EUR", body["CurrencyRef"]!["value"]!.GetValue<string>());
        Assert.Equal("New Co", body["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public void Invoice_outbound_translates_references_and_keeps_line_ids_and_other_lines()
    {
        var current = Load("qbo-invoice.json");
        var lines = current["Line"]!.AsArray();
        lines.Add(new JsonObject { ["Amount"] = 5m, ["DetailType"] = "DiscountLineDetail", ["DiscountLineDetail"] = new JsonObject { ["PercentBased"] = false } });
        var canonical = new JsonObject
        {
            ["customerId"] = "host-c-1",
            ["issueDate"] = "2024-01-20",
            ["taxTotal"] = 12.5m,
            ["lines"] = new JsonArray(
                new JsonObject { ["description"] = "Consulting", ["itemId"] = "host-i-1", ["quantity"] = 2m, ["unitPrice"] = 80m },
                new JsonObject { ["description"] = "Travel", ["itemId"] = "host-i-2", ["quantity"] = 1m, ["unitPrice"] = 40m, ["amount"] = 40m }),
        };
        var links = new Dictionary<string, string> { ["Customer:host-c-1"] = "58", ["host-i-1"] = "7", ["Item:host-i-2"] = "9" };
        var body = QboTransactionMapping.ToQbo(canonical, current, null, links, invoice: true);
        Assert.Equal("58", body["CustomerRef"]!["value"]!.GetValue<string>());
        Assert.Equal("2024-01-20", body["TxnDate"]!.GetValue<string>());
        Assert.Equal(12.5m, Dec(body["TxnTaxDetail"]!["TotalTax"]));
        var sent = body["Line"]!.AsArray().Select(l => l!.AsObject()).ToList();
        Assert.Equal(3, sent.Count);
        Assert.Equal("1", sent[0]["Id"]!.GetValue<string>());
        Assert.Equal(160m, Dec(sent[0]["Amount"]));
        Assert.Equal("7", sent[0]["SalesItemLineDetail"]!["ItemRef"]!["value"]!.GetValue<string>());
        Assert.Equal("NON", sent[0]["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]!.GetValue<string>());
        Assert.False(sent[1].ContainsKey("Id"));
        Assert.Equal("9", sent[1]["SalesItemLineDetail"]!["ItemRef"]!["value"]!.GetValue<string>());
        Assert.Equal("DiscountLineDetail", sent[2]["DetailType"]!.GetValue<string>());
        Assert.DoesNotContain(sent, l => l["DetailType"]!.GetValue<string>() == "SubTotalLineDetail");
        Assert.Equal("102", body["CustomField"]![0]!["StringValue"]!.GetValue<string>());
        Assert.Equal("ih:host-inv-7", body["PrivateNote"]!.GetValue<string>());
    }

    [Fact]
    public void Payment_lines_become_allocations()
    {
        var c = QboPaymentMapping.ToCanonical(Element(Load("qbo-payment.json")));
        Assert.Equal("2024-02-01", Str(c["date"]));
        Assert.Equal(200m, Dec(c["amount"]));
        Assert.Equal("1", Str(c["customerId"]));
        Assert.Equal("CHK-1042", Str(c["reference"]));
        var allocations = c["allocations"]!.AsArray().Select(a => (Str(a!["invoiceId"]), Dec(a["amount"]))).ToList();
        Assert.Equal([("130", 150m), ("131", 50m)], allocations);
    }

    [Fact]
    public void A_cdc_tombstone_is_a_deleted_record()
    {
        var tombstone = (JsonObject)JsonNode.Parse("""{"domain":"QBO","status":"Deleted","Id":"42","MetaData":{"LastUpdatedTime":"2024-05-01T10:00:00.000-08:00"}}""")!;
        var record = QboRecords.ToRecord(QboEntity.For("Invoice"), tombstone);
        Assert.True(record.Deleted);
        Assert.Equal("42", record.RemoteId);
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T18:00:00Z"), record.UpdatedAt);
    }

    [Fact]
    public void Item_and_account_map_to_the_canonical_shape()
    {
        var item = QboItemMapping.ToCanonical(JsonElement.Parse("""{"Id":"5","Name":"Rock Fountain","Sku":"RF-1","Description":"Rock Fountain","Type":"NonInventory","UnitPrice":275,"IncomeAccountRef":{"value":"79","name":"Sales of Product Income"},"Active":true}"""));
        Assert.Equal(("Rock Fountain", "RF-1", "noninventory", 275m, "79"), (Str(item["name"]), Str(item["sku"]), Str(item["type"]), Dec(item["unitPrice"]), Str(item["incomeAccountCode"])));
        var account = QboAccountMapping.ToCanonical(JsonElement.Parse("""{"Id":"35","Name":"Checking","AccountType":"Bank","Classification":"Asset","CurrencyRef":{"value":"USD"},"Active":false}"""));
        Assert.Equal(("35", "Checking", "Bank", "Asset", "USD", false), (Str(account["code"]), Str(account["name"]), Str(account["type"]), Str(account["class"]), Str(account["currency"]), account["active"]!.GetValue<bool>()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("xero1:2024-01-01T00:00:00.0000000Z")]
    [InlineData("qbo1:yesterday")]
    [InlineData("qbo1:2024-01-01")]
    [InlineData("qbo2:2024-01-01T00:00:00.0000000Z")]
    public void Unreadable_cursors_fail_loudly(string cursor) =>
        Assert.Throws<InvalidCursorException>(() => QboPositions.ParseCursor(cursor));

    [Theory]
    [InlineData("qbo1f:0:638000000000000000")]
    [InlineData("qbo1f:abc:1")]
    [InlineData("qbo1q:1:2:3")]
    [InlineData("qbo1q:-5:0")]
    [InlineData("xero1p:1:0:1")]
    public void Unreadable_page_tokens_fail_loudly(string token) =>
        Assert.Throws<InvalidCursorException>(() => QboPositions.IsFull(token) ? (object)QboPositions.ParseFull(token) : QboPositions.ParseQuery(token));

    [Fact]
    public void Cursors_and_tokens_round_trip()
    {
        var at = DateTimeOffset.Parse("2024-06-01T12:34:56.789Z");
        Assert.Equal(at, QboPositions.ParseCursor(QboPositions.Cursor(at)));
        Assert.Equal(new QboPositions.FullToken(1001, at), QboPositions.ParseFull(QboPositions.Full(new(1001, at))));
        Assert.Equal(new QboPositions.QueryToken(at, 3), QboPositions.ParseQuery(QboPositions.Query(new(at, 3))));
    }

    [Theory]
    [InlineData("5010", ErrorClass.Stale)]
    [InlineData("6240", ErrorClass.Duplicate)]
    [InlineData("2010", ErrorClass.Validation)]
    [InlineData("2020", ErrorClass.Validation)]
    [InlineData("2500", ErrorClass.Validation)]
    [InlineData("6000", ErrorClass.Validation)]
    [InlineData("6140", ErrorClass.Validation)]
    [InlineData("3200", ErrorClass.Auth)]
    [InlineData("003001", ErrorClass.RateLimited)]
    [InlineData("610", ErrorClass.Permanent)]
    public void Fault_codes_map_to_error_classes(string code, ErrorClass expected) => Assert.Equal(expected, QboErrors.Classify(code));

    private static JsonElement Element(JsonObject o) => JsonSerializer.SerializeToElement(o);
}
