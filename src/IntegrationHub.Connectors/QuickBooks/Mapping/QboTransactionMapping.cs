using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Records;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.QuickBooks.Mapping;

/// <summary>
/// QBO Invoice and CreditMemo ↔ canonical Invoice and CreditNote. Lines are the SalesItemLineDetail lines; tax comes
/// from TxnTaxDetail.TotalTax; QBO has no status field, so the status is derived: voided (QBO voids to a zero total with
/// the memo "Voided"), paid (nothing left open), else authorised (QBO posts a transaction when it is saved). The hub's
/// reference lives in PrivateNote (the memo QBO keeps and does not print).
/// </summary>
public static class QboTransactionMapping
{
    public const string VoidedNote = "Voided";

    public static JsonObject InvoiceToCanonical(JsonElement qbo)
    {
        var result = Common(qbo);
        var total = qbo.Dec("TotalAmt") ?? 0;
        var balance = qbo.Dec("Balance") ?? total;
        result["dueDate"] = Value(Date(qbo.Str("DueDate")));
        result["status"] = Status(qbo, total, balance);
        result["amountPaid"] = IsVoided(qbo) ? 0m : total - balance;
        result["amountDue"] = balance;
        result["paidDate"] = null;
        return result;
    }

    public static JsonObject CreditMemoToCanonical(JsonElement qbo)
    {
        var result = Common(qbo);
        var total = qbo.Dec("TotalAmt") ?? 0;
        result["status"] = IsVoided(qbo) ? "voided" : "authorised";
        result["remainingCredit"] = Value(qbo.Dec("RemainingCredit") ?? qbo.Dec("Balance") ?? total);
        return result;
    }

    public static bool IsVoided(JsonElement qbo) => qbo.Str("PrivateNote") == VoidedNote && (qbo.Dec("TotalAmt") ?? 0) == 0;

    private static string Status(JsonElement qbo, decimal total, decimal balance) =>
        IsVoided(qbo) ? "voided" : total > 0 && balance == 0 ? "paid" : "authorised";

    private static JsonObject Common(JsonElement qbo)
    {
        var lines = new JsonArray();
        decimal subtotal = 0;
        foreach (var line in qbo.Objects("Line"))
        {
            var type = line.Str("DetailType");
            if (type is not ("SalesItemLineDetail" or "DescriptionOnly")) continue;
            var detail = line.Obj("SalesItemLineDetail");
            var amount = line.Dec("Amount") ?? 0;
            subtotal += amount;
            lines.Add(new JsonObject
            {
                ["description"] = Value(line.Str("Description")),
                ["itemId"] = Value(detail.Obj("ItemRef").Str("value")),
                ["quantity"] = Value(detail.Dec("Qty")),
                ["unitPrice"] = Value(detail.Dec("UnitPrice")),
                ["amount"] = amount,
                ["taxCode"] = Value(detail.Obj("TaxCodeRef").Str("value")),
                ["accountCode"] = Value(detail.Obj("ItemAccountRef").Str("value")),
            });
        }
        var tax = qbo.Obj("TxnTaxDetail").Dec("TotalTax") ?? 0;
        return new JsonObject
        {
            ["number"] = Value(qbo.Str("DocNumber")),
            ["customerId"] = Value(qbo.Obj("CustomerRef").Str("value")),
            ["issueDate"] = Value(Date(qbo.Str("TxnDate"))),
            ["currency"] = Value(qbo.Obj("CurrencyRef").Str("value")),
            ["reference"] = null,
            ["lines"] = lines,
            ["subtotal"] = subtotal,
            ["taxTotal"] = tax,
            ["total"] = Value(qbo.Dec("TotalAmt") ?? subtotal + tax),
        };
    }

    /// <summary>
    /// The QBO body for a create or a full update of an Invoice or CreditMemo: the current payload with header fields and
    /// the sales lines laid over it (line i over the current sales line i, so line ids and unmapped line fields survive);
    /// lines of other kinds (discounts, groups) are kept; the subtotal line is left for QBO to recompute.
    /// </summary>
    public static JsonObject ToQbo(JsonObject canonical, JsonObject? current, string? reference, IReadOnlyDictionary<string, string> links, bool invoice)
    {
        var body = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        if (LinkedIds.Resolve(links, CanonicalEntities.Customer, Str(canonical["customerId"])) is { } customerId)
            body["CustomerRef"] = new JsonObject { ["value"] = customerId };
        if (Str(canonical["number"]) is { } number) body["DocNumber"] = number;
        if (Str(canonical["issueDate"]) is { } issued) body["TxnDate"] = Date(issued);
        if (invoice && Str(canonical["dueDate"]) is { } due) body["DueDate"] = Date(due);
        if (current is null && Str(canonical["currency"]) is { } currency) body["CurrencyRef"] = new JsonObject { ["value"] = currency };
        if (canonical["lines"] is JsonArray lines) body["Line"] = Lines(lines, current, links);
        if (Dec(canonical["taxTotal"]) is { } tax && (tax != 0 || body.Obj("TxnTaxDetail") is not null))
        {
            var detail = body.Obj("TxnTaxDetail") is { } existing ? (JsonObject)existing.DeepClone() : new JsonObject();
            detail["TotalTax"] = tax;
            body["TxnTaxDetail"] = detail;
        }
        if (current is null && reference is not null) body["PrivateNote"] = reference;
        return body;
    }

    private static JsonArray Lines(JsonArray canonicalLines, JsonObject? current, IReadOnlyDictionary<string, string> links)
    {
        var existing = current.Objects("Line").Where(l => l.Str("DetailType") is "SalesItemLineDetail" or "DescriptionOnly").ToList();
        var kept = current.Objects("Line").Where(l => l.Str("DetailType") is not ("SalesItemLineDetail" or "DescriptionOnly" or "SubTotalLineDetail"));
        var result = new JsonArray();
        var index = 0;
        foreach (var line in canonicalLines.OfType<JsonObject>())
        {
            var body = index < existing.Count ? (JsonObject)existing[index].DeepClone() : new JsonObject();
            index++;
            body.Put(line, "description", "Description", JsonRead.Copy);
            var quantity = Dec(line["quantity"]);
            var price = Dec(line["unitPrice"]);
            var amount = Dec(line["amount"]) ?? (quantity is { } q && price is { } p ? decimal.Round(q * p, 2) : null);
            if (amount is not null) body["Amount"] = amount;
            var detail = body.Obj("SalesItemLineDetail") is { } d ? (JsonObject)d.DeepClone() : new JsonObject();
            if (LinkedIds.Resolve(links, CanonicalEntities.Item, Str(line["itemId"])) is { } itemId) detail["ItemRef"] = new JsonObject { ["value"] = itemId };
            detail.Put(line, "quantity", "Qty", JsonRead.Copy);
            detail.Put(line, "unitPrice", "UnitPrice", JsonRead.Copy);
            detail.Put(line, "taxCode", "TaxCodeRef", v => new JsonObject { ["value"] = v.DeepClone() });
            detail.Put(line, "accountCode", "ItemAccountRef", v => new JsonObject { ["value"] = v.DeepClone() });
            body["DetailType"] = "SalesItemLineDetail";
            body["SalesItemLineDetail"] = detail;
            result.Add(body);
        }
        foreach (var other in kept) result.Add(other.DeepClone());
        return result;
    }
}
