using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>Invoices and credit notes: types, status transitions, contact and line validation, totals.</summary>
public static class XeroDocuments
{
    /// <summary>Statuses a client may move a document to from each status. PAID is only ever set by payments.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Transitions = new Dictionary<string, string[]>
    {
        ["DRAFT"] = ["DRAFT", "SUBMITTED", "AUTHORISED", "DELETED"],
        ["SUBMITTED"] = ["SUBMITTED", "DRAFT", "AUTHORISED", "DELETED"],
        ["AUTHORISED"] = ["AUTHORISED", "VOIDED"],
        ["PAID"] = ["PAID"],
        ["VOIDED"] = [],
        ["DELETED"] = [],
    };

    public static bool CanMove(string from, string to) => Transitions.TryGetValue(from, out var allowed) && allowed.Contains(to);

    public static void Prepare(XeroOrg org, XeroCollection collection, JsonObject data, JsonObject? previous, DateTimeOffset now, XeroEffects effects)
    {
        var isInvoice = collection == XeroCollections.Invoices;
        var type = data.Str("Type");
        string[] types = isInvoice ? ["ACCREC", "ACCPAY"] : ["ACCRECCREDIT", "ACCPAYCREDIT"];
        if (type is null || !types.Contains(type)) throw new XeroValidationException($"Type must be one of {string.Join(", ", types)}");
        var label = isInvoice ? "Invoice" : "Credit note";
        var previousStatus = previous?.Str("Status");
        var status = data.Str("Status") ?? previousStatus ?? "DRAFT";
        if (previousStatus is null && status is not ("DRAFT" or "SUBMITTED" or "AUTHORISED"))
            throw new XeroValidationException($"{label} status must be DRAFT, SUBMITTED or AUTHORISED when created");
        if (previousStatus is not null && !CanMove(previousStatus, status))
            throw new XeroValidationException($"{label} not of valid status for modification");
        var paid = previous?.Dec("AmountPaid") ?? 0;
        if (status == "VOIDED" && paid > 0) throw new XeroValidationException($"{label} has payments applied and cannot be voided");
        data["Status"] = status;
        ResolveContact(org, data, now, effects);
        NormaliseDate(data, "Date", now);
        if (data["DueDate"] is not null) NormaliseDate(data, "DueDate", now);
        var lineAmountTypes = data.Str("LineAmountTypes") ?? "Exclusive";
        if (lineAmountTypes is not ("Exclusive" or "Inclusive" or "NoTax")) throw new XeroValidationException($"LineAmountTypes '{lineAmountTypes}' is not valid");
        data["LineAmountTypes"] = lineAmountTypes;
        var (subTotal, tax) = Lines(org, data, lineAmountTypes, status);
        var total = lineAmountTypes == "Inclusive" ? subTotal : subTotal + tax;
        data["SubTotal"] = lineAmountTypes == "Inclusive" ? subTotal - tax : subTotal;
        data["TotalTax"] = tax;
        data["Total"] = total;
        if (total < paid) throw new XeroValidationException($"The {label.ToLowerInvariant()} total cannot be less than the amount already paid");
        data["CurrencyCode"] ??= org.BaseCurrency;
        data["CurrencyRate"] ??= 1m;
        data["HasAttachments"] ??= false;
        data["Payments"] ??= new JsonArray();
        if (isInvoice)
        {
            var credited = previous?.Dec("AmountCredited") ?? 0;
            data["AmountPaid"] = paid;
            data["AmountCredited"] = credited;
            data["AmountDue"] = status is "VOIDED" or "DELETED" ? 0m : total - paid - credited;
            data["IsDiscounted"] ??= false;
            if (type == "ACCREC" && string.IsNullOrEmpty(data.Str("InvoiceNumber")))
                data["InvoiceNumber"] = "INV-" + (org.Table(collection).Rows.Count + 1).ToString("0000", CultureInfo.InvariantCulture);
        }
        else
        {
            data["RemainingCredit"] = status is "VOIDED" or "DELETED" ? 0m : total - (previous?.Dec("AppliedAmount") ?? 0);
            if (string.IsNullOrEmpty(data.Str("CreditNoteNumber")))
                data["CreditNoteNumber"] = "CN-" + (org.Table(collection).Rows.Count + 1).ToString("0000", CultureInfo.InvariantCulture);
        }
    }

    public static void NormaliseDate(JsonObject data, string field, DateTimeOffset now)
    {
        var text = data.Str(field);
        DateTimeOffset value;
        if (text is null) value = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        else if (!XeroDates.TryParse(text, out value)) throw new XeroValidationException($"{field} '{text}' is not a valid date");
        data[field] = XeroDates.ToJson(value);
        data[field + "String"] = XeroDates.DateString(value);
    }

    /// <summary>By ContactID (must exist), or by Name: an unknown name creates the contact, as Xero does.</summary>
    private static void ResolveContact(XeroOrg org, JsonObject data, DateTimeOffset now, XeroEffects effects)
    {
        var reference = data.Obj("Contact") ?? throw new XeroValidationException("A Contact must be specified for this type of transaction");
        var contacts = org.Table(XeroCollections.Contacts);
        StoredEntity? contact;
        if (reference.Str("ContactID") is { } id)
        {
            contact = contacts.FindLive(id) ?? throw new XeroValidationException("The Contact could not be found. Specify a valid ContactID or Name");
        }
        else if (reference.Str("Name") is { Length: > 0 } name)
        {
            contact = contacts.Live().FirstOrDefault(c => string.Equals(c.Data.Str("Name"), name, StringComparison.OrdinalIgnoreCase));
            if (contact is null)
            {
                var created = new JsonObject { ["ContactID"] = Guid.NewGuid().ToString(), ["ContactStatus"] = "ACTIVE", ["Name"] = name, ["Addresses"] = new JsonArray(), ["Phones"] = new JsonArray() };
                contact = new StoredEntity(created.Str("ContactID")!, created, now, now);
                effects.AddCreated(org, XeroCollections.Contacts, contact);
            }
        }
        else
        {
            throw new XeroValidationException("A Contact must be specified for this type of transaction");
        }
        data["Contact"] = new JsonObject { ["ContactID"] = contact.Id, ["Name"] = contact.Data.Str("Name") };
    }

    private static (decimal SubTotal, decimal Tax) Lines(XeroOrg org, JsonObject data, string lineAmountTypes, string status)
    {
        var lines = data.Arr("LineItems").OfType<JsonObject>().ToList();
        if (lines.Count == 0 && status != "DRAFT") throw new XeroValidationException("At least one line item is required");
        decimal subTotal = 0, tax = 0;
        foreach (var line in lines)
        {
            if (line.Str("ItemCode") is { } itemCode && !org.Table(XeroCollections.Items).Live().Any(i => i.Data.Str("Code") == itemCode))
                throw new XeroValidationException($"Item code '{itemCode}' is not valid");
            if (line.Str("AccountCode") is { } accountCode && !org.Table(XeroCollections.Accounts).Live().Any(a => a.Data.Str("Code") == accountCode))
                throw new XeroValidationException($"Account code '{accountCode}' is not a valid code for this document.");
            if (string.IsNullOrWhiteSpace(line.Str("Description")) && line.Str("ItemCode") is null)
                throw new XeroValidationException("Description needs to be specified for each line item");
            var quantity = line.Dec("Quantity") ?? 1;
            var discount = line.Dec("DiscountRate") ?? 0;
            if (line.Dec("UnitAmount") is { } unit) line["LineAmount"] = SimJson.Round2(quantity * unit * (1 - discount / 100));
            else line["UnitAmount"] = line.Dec("LineAmount") ?? 0;
            line["Quantity"] = quantity;
            line["LineItemID"] ??= Guid.NewGuid().ToString();
            line["TaxType"] ??= "NONE";
            var lineTax = lineAmountTypes == "NoTax" ? 0 : line.Dec("TaxAmount") ?? 0;
            line["TaxAmount"] = lineTax;
            subTotal += line.Dec("LineAmount") ?? 0;
            tax += lineTax;
        }
        data["LineItems"] = new JsonArray([.. lines.Select(l => (JsonNode)l.DeepClone())]);
        return (subTotal, tax);
    }
}
