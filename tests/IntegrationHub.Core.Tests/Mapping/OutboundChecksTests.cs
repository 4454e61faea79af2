using System.Text.Json.Nodes;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Tests.Mapping;

public class OutboundChecksTests
{
    private static readonly EntityMetadata Invoice = new("Invoice", "Invoice", ["inbound", "outbound"],
        RequiredFields: ["customerId", "lines[].amount"],
        FieldTypes: new Dictionary<string, string> { ["issueDate"] = "date", ["total"] = "number", ["lines"] = "array" });

    private static OutboundResult Push(JsonObject host, IReadOnlyDictionary<string, LookupData>? lookups = null, IReadOnlySet<string>? currencies = null) =>
        MappingEngine.Outbound(DefaultMappings.For(CanonicalEntities.Invoice), host,
            new MappingContext(CanonicalEntities.Invoice, "quickbooks", "QuickBooks Online", lookups, Invoice, currencies));

    private static JsonObject Valid() => JsonNode.Parse("""
        { "customerId": "c1", "currency": "USD", "issueDate": "2026-01-31", "total": 10, "lines": [ { "amount": 10 } ] }
        """)!.AsObject();

    [Fact]
    public void A_valid_record_passes() => Assert.True(Push(Valid()).Ok);

    [Fact]
    public void Required_fields_and_types_are_checked_per_field()
    {
        var host = Valid();
        host.Remove("customerId");
        host["issueDate"] = "31/01/2026";
        host["total"] = "ten";
        host["lines"] = new JsonArray(new JsonObject { ["amount"] = 1 }, new JsonObject { ["description"] = "no amount" });
        var errors = Push(host).Errors;
        Assert.Contains(errors, e => e.Path == "customerId" && e.Reason == "QuickBooks Online requires this field.");
        Assert.Contains(errors, e => e.Path == "lines[1].amount" && e.Reason.Contains("requires"));
        Assert.Contains(errors, e => e.Path == "issueDate" && e.Reason.Contains("expects a date"));
        Assert.Contains(errors, e => e.Path == "total" && e.Reason.Contains("expects a number"));
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Currency_must_be_set()
    {
        var host = Valid();
        host.Remove("currency");
        Assert.Equal("currency", Assert.Single(Push(host).Errors).Path);
    }

    [Fact]
    public void Currency_the_provider_does_not_accept_blocks_unless_mapped()
    {
        var host = Valid();
        host["currency"] = "EUR";
        var accepted = new HashSet<string> { "USD" };
        Assert.Contains("Currency 'EUR' is not enabled in QuickBooks Online", Assert.Single(Push(host, currencies: accepted).Errors).Reason);
        var mapped = Push(host, new Dictionary<string, LookupData> { ["quickbooks.currencies"] = new(new Dictionary<string, string> { ["EUR"] = "USD" }) }, accepted);
        Assert.True(mapped.Ok);
        Assert.Equal("USD", mapped.Canonical["currency"]!.GetValue<string>());
    }
}
