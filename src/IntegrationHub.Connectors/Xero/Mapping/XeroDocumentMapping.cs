using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Records;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.Xero.Mapping;

/// <summary>
/// Xero sales Invoices (ACCREC) and CreditNotes (ACCRECCREDIT) ↔ canonical Invoice and CreditNote. Statuses map
/// one-to-one (DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED); VOIDED and DELETED documents count as deleted. Lines name
/// items by code, so mapping a line's item needs the organisation's code → ItemID lookup (and the reverse outbound).
/// The hub's reference lives in Reference ("ih:{hostId}"); a Reference the hub did not write maps to the canonical reference.
/// </summary>
public static class XeroDocumentMapping
{
    /// <summary>Fields Xero computes or stamps; they are not sent back on update.</summary>
    private static readonly string[] ReadOnly =
    [
        "SubTotal", "TotalTax", "Total", "AmountDue", "AmountPaid", "AmountCredited", "RemainingCredit", "AppliedAmount", "Payments",
        "CreditNotes", "Prepayments", "Overpayments", "Allocations", "UpdatedDateUTC", "UpdatedDateUTCString", "DateString", "DueDateString",
        "FullyPaidOnDate", "HasErrors", "StatusAttributeString", "ValidationErrors", "Warnings", "IsDiscounted", "HasAttachments",
    ];

    public static (JsonObject Canonical, bool Deleted) InvoiceToCanonical(JsonObject xero, IReadOnlyDictionary<string, string> itemIdsByCode)
    {
        var (canonical, deleted) = Common(xero, itemIdsByCode, xero.Str("InvoiceNumber"));
        canonical["dueDate"] = Value(XeroDates.CanonicalDate(xero.Str("DueDate")));
        canonical["amountPaid"] = Value(xero.Dec("AmountPaid") ?? 0);
        canonical["amountDue"] = Value(xero.Dec("AmountDue") ?? 0);
        canonical["paidDate"] = Value(XeroDates.CanonicalDate(xero.Str("FullyPaidOnDate")));
        return (canonical, deleted);
    }

    public static (JsonObject Canonical, bool Deleted) CreditNoteToCanonical(JsonObject xero, IReadOnlyDictionary<string, string> itemIdsByCode)
    {
        var (canonical, deleted) = Common(xero, itemIdsByCode, xero.Str("CreditNoteNumber"));
        canonical["remainingCredit"] = Value(xero.Dec("RemainingCredit") ?? 0);
        return (canonical, deleted);
    }

    private static (JsonObject Canonical, bool Deleted) Common(JsonObject xero, IReadOnlyDictionary<string, string> itemIdsByCode, string? number)
    {
        var status = xero.Str("Status") ?? "DRAFT";
        var lines = new JsonArray();
        foreach (var line in xero.Objects("LineItems"))
        {
            var code = line.Str("ItemCode");
            var itemId = line.Obj("Item").Str("ItemID") ?? (code is not null && itemIdsByCode.TryGetValue(code, out var id) ? id : null);
            lines.Add(new JsonObject
            {
                ["description"] = Value(line.Str("Description")),
                ["itemId"] = Value(itemId),
                ["quantity"] = Value(line.Dec("Quantity")),
                ["unitPrice"] = Value(line.Dec("UnitAmount")),
                ["amount"] = Value(line.Dec("LineAmount")),
                ["taxCode"] = Value(line.Str("TaxType")),
                ["accountCode"] = Value(line.Str("AccountCode")),
            });
        }
        var reference = xero.Str("Reference");
        return (new JsonObject
        {
            ["number"] = Value(number),
            ["customerId"] = Value(xero.Obj("Contact").Str("ContactID")),
            ["issueDate"] = Value(XeroDates.CanonicalDate(xero.Str("Date"))),
            ["currency"] = Value(xero.Str("CurrencyCode")),
            ["status"] = status == "DELETED" ? "voided" : status.ToLowerInvariant(),
            ["reference"] = Value(IsHubReference(reference) ? null : reference),
            ["lines"] = lines,
            ["subtotal"] = Value(xero.Dec("SubTotal") ?? 0),
            ["taxTotal"] = Value(xero.Dec("TotalTax") ?? 0),
            ["total"] = Value(xero.Dec("Total") ?? 0),
        }, status is "VOIDED" or "DELETED");
    }

    public static bool IsHubReference(string? reference) => reference?.StartsWith("ih:", StringComparison.Ordinal) == true;

    /// <summary>
    /// The Invoice or CreditNote element for a create or update: the current payload (minus computed fields) with header
    /// fields and lines laid over it (line i over current line i, keeping its LineItemID and unmapped fields).
    /// PAID is never sent (only payments make a document paid).
    /// </summary>
    public static JsonObject ToXero(JsonObject canonical, JsonObject? current, string? reference, IReadOnlyDictionary<string, string> links,
        IReadOnlyDictionary<string, string> itemCodesById, bool invoice)
    {
        var body = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        foreach (var field in ReadOnly) body.Remove(field);
        if (current is null) body["Type"] = invoice ? "ACCREC" : "ACCRECCREDIT";
        if (LinkedIds.Resolve(links, CanonicalEntities.Customer, Str(canonical["customerId"])) is { } contactId)
            body["Contact"] = new JsonObject { ["ContactID"] = contactId };
        if (Str(canonical["number"]) is { } number) body[invoice ? "InvoiceNumber" : "CreditNoteNumber"] = number;
        if (Date(Str(canonical["issueDate"])) is { } issued) body["Date"] = issued;
        if (invoice && Date(Str(canonical["dueDate"])) is { } due) body["DueDate"] = due;
        if (current is null && Str(canonical["currency"]) is { } currency) body["CurrencyCode"] = currency;
        if (Str(canonical["status"])?.ToUpperInvariant() is "DRAFT" or "SUBMITTED" or "AUTHORISED" or "VOIDED" && Str(canonical["status"]) is { } status)
            body["Status"] = status.ToUpperInvariant();
        body["LineAmountTypes"] ??= "Exclusive";
        if (canonical["lines"] is JsonArray lines) body["LineItems"] = Lines(lines, current, links, itemCodesById);
        if (current is null && reference is not null) body["Reference"] = reference;
        else if (!IsHubReference(body.Str("Reference"))) body.Put(canonical, "reference", "Reference", JsonRead.Copy);
        return body;
    }

    private static JsonArray Lines(JsonArray canonicalLines, JsonObject? current, IReadOnlyDictionary<string, string> links, IReadOnlyDictionary<string, string> itemCodesById)
    {
        var existing = current.Objects("LineItems").ToList();
        var result = new JsonArray();
        var index = 0;
        foreach (var line in canonicalLines.OfType<JsonObject>())
        {
            var body = index < existing.Count ? (JsonObject)existing[index].DeepClone() : new JsonObject();
            index++;
            body.Put(line, "description", "Description", JsonRead.Copy);
            body.Put(line, "quantity", "Quantity", JsonRead.Copy);
            body.Put(line, "unitPrice", "UnitAmount", JsonRead.Copy);
            body.Put(line, "taxCode", "TaxType", JsonRead.Copy);
            body.Put(line, "accountCode", "AccountCode", JsonRead.Copy);
            if (Dec(line["unitPrice"]) is null) body.Put(line, "amount", "LineAmount", JsonRead.Copy);
            else body.Remove("LineAmount");
            if (LinkedIds.Resolve(links, CanonicalEntities.Item, Str(line["itemId"])) is { } itemId)
            {
                body.Remove("Item");
                if (itemCodesById.TryGetValue(itemId, out var code)) body["ItemCode"] = code;
            }
            else if (line.ContainsKey("itemId"))
            {
                body.Remove("Item");
                body.Remove("ItemCode");
            }
            result.Add(body);
        }
        return result;
    }
}
