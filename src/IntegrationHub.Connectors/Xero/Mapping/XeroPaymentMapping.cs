using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.Xero.Mapping;

/// <summary>Xero Payment → canonical Payment (inbound only): one allocation to <c>Invoice.InvoiceID</c>; DELETED payments count as deleted.</summary>
public static class XeroPaymentMapping
{
    public static (JsonObject Canonical, bool Deleted) ToCanonical(JsonObject xero)
    {
        var invoice = xero.Obj("Invoice");
        var amount = xero.Dec("Amount");
        var allocations = new JsonArray();
        if (invoice.Str("InvoiceID") is { } invoiceId) allocations.Add(new JsonObject { ["invoiceId"] = invoiceId, ["amount"] = Value(amount) });
        return (new JsonObject
        {
            ["date"] = Value(XeroDates.CanonicalDate(xero.Str("Date"))),
            ["amount"] = Value(amount),
            ["currency"] = Value(xero.Str("CurrencyCode") ?? invoice.Str("CurrencyCode")),
            ["customerId"] = Value(invoice.Obj("Contact").Str("ContactID")),
            ["reference"] = Value(xero.Str("Reference")),
            ["allocations"] = allocations,
        }, xero.Str("Status") == "DELETED");
    }
}
