using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.QuickBooks.Mapping;

/// <summary>QBO Payment → canonical Payment (inbound only): each Line's LinkedTxn of type Invoice is one allocation.</summary>
public static class QboPaymentMapping
{
    public static JsonObject ToCanonical(JsonElement qbo)
    {
        var allocations = new JsonArray();
        foreach (var line in qbo.Objects("Line"))
        foreach (var link in line.Objects("LinkedTxn"))
        {
            if (!string.Equals(link.Str("TxnType"), "Invoice", StringComparison.OrdinalIgnoreCase)) continue;
            allocations.Add(new JsonObject { ["invoiceId"] = Value(link.Str("TxnId")), ["amount"] = Value(line.Dec("Amount")) });
        }
        return new JsonObject
        {
            ["date"] = Value(Date(qbo.Str("TxnDate"))),
            ["amount"] = Value(qbo.Dec("TotalAmt")),
            ["currency"] = Value(qbo.Obj("CurrencyRef").Str("value")),
            ["customerId"] = Value(qbo.Obj("CustomerRef").Str("value")),
            ["reference"] = Value(qbo.Str("PaymentRefNum")),
            ["allocations"] = allocations,
        };
    }
}
