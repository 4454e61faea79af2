using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>Generated sales invoices and bills in a realistic status mix, and payments that settle some of them.</summary>
internal static class XeroSeedTransactions
{
    public static List<(StoredEntity Invoice, decimal Total)> Invoices(XeroOrg org, DataGenerator g, SeedRequest request, DateTimeOffset now, ref DateTimeOffset clock)
    {
        var authorised = new List<(StoredEntity, decimal)>();
        var contacts = org.Table(XeroCollections.Contacts).Live().Select(c => (c.Id, Name: c.Data.Str("Name")!)).ToArray();
        var items = org.Table(XeroCollections.Items).Live()
            .Select(i => (Code: i.Data.Str("Code")!, Description: i.Data.Str("Description"), Price: i.Data.Obj("SalesDetails")?.Dec("UnitPrice") ?? 100m)).ToArray();
        if (contacts.Length == 0 || items.Length == 0) return authorised;
        var table = org.Table(XeroCollections.Invoices);
        var number = table.Rows.Count;
        var json = new LazyJson();
        var lines = new (int Item, int Qty)[3];
        for (var i = 0; i < request.Invoices; i++)
        {
            var contact = contacts[g.Next(contacts.Length)];
            var type = g.Next(10) == 0 ? "ACCPAY" : "ACCREC";
            var status = g.Next(10) switch { 0 => "DRAFT", 1 => "SUBMITTED", _ => "AUTHORISED" };
            var lineCount = g.Next(1, 4);
            var total = 0m;
            for (var l = 0; l < lineCount; l++)
            {
                lines[l] = (g.Next(items.Length), g.Next(1, 10));
                total += lines[l].Qty * items[lines[l].Item].Price;
            }
            var date = g.DateWithin(now, 365);
            var reference = $"PO-{g.Next(10000, 99999)}";
            var id = Guid.NewGuid().ToString();
            clock = clock.AddMilliseconds(1);
            var updated = clock;
            var invoiceNumber = type == "ACCREC" ? $"INV-{++number:0000}" : null;
            var data = json.Build(w =>
            {
                w.WriteString("Type", type);
                w.WriteStartObject("Contact"); w.WriteString("ContactID", contact.Id); w.WriteString("Name", contact.Name); w.WriteEndObject();
                w.WriteStartArray("LineItems");
                for (var l = 0; l < lineCount; l++)
                {
                    var item = items[lines[l].Item];
                    w.WriteStartObject();
                    w.WriteString("LineItemID", Guid.NewGuid());
                    w.WriteString("Description", item.Description);
                    w.WriteNumber("Quantity", lines[l].Qty);
                    w.WriteNumber("UnitAmount", item.Price);
                    w.WriteString("ItemCode", item.Code);
                    w.WriteString("AccountCode", type == "ACCREC" ? "200" : "429");
                    w.WriteString("TaxType", "NONE");
                    w.WriteNumber("TaxAmount", 0);
                    w.WriteNumber("LineAmount", lines[l].Qty * item.Price);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteString("Date", XeroDates.ToJson(date));
                w.WriteString("DateString", XeroDates.DateString(date));
                w.WriteString("DueDate", XeroDates.ToJson(date.AddDays(30)));
                w.WriteString("DueDateString", XeroDates.DateString(date.AddDays(30)));
                w.WriteString("LineAmountTypes", "Exclusive");
                if (invoiceNumber is not null) w.WriteString("InvoiceNumber", invoiceNumber);
                w.WriteString("Reference", reference);
                w.WriteString("CurrencyCode", org.BaseCurrency);
                w.WriteNumber("CurrencyRate", 1);
                w.WriteString("Status", status);
                w.WriteNumber("SubTotal", total);
                w.WriteNumber("TotalTax", 0);
                w.WriteNumber("Total", total);
                w.WriteNumber("AmountDue", total);
                w.WriteNumber("AmountPaid", 0);
                w.WriteNumber("AmountCredited", 0);
                w.WriteBoolean("IsDiscounted", false);
                w.WriteBoolean("HasAttachments", false);
                w.WriteStartArray("Payments"); w.WriteEndArray();
                w.WriteString("InvoiceID", id);
                w.WriteString("UpdatedDateUTC", XeroDates.ToJson(updated));
                w.WriteString("UpdatedDateUTCString", XeroDates.UtcString(updated));
                w.WriteString("StatusAttributeString", "OK");
                w.WriteBoolean("HasErrors", false);
            });
            var stored = new StoredEntity(id, data, updated, updated);
            table.Add(stored);
            if (status == "AUTHORISED") authorised.Add((stored, total));
        }
        return authorised;
    }

    public static void Payments(XeroOrg org, DataGenerator g, SeedRequest request, List<(StoredEntity Invoice, decimal Total)> open, ref DateTimeOffset clock)
    {
        var bank = org.Table(XeroCollections.Accounts).Live().FirstOrDefault(a => a.Data.Str("Type") == "BANK");
        if (bank is null) return;
        for (var i = 0; i < request.Payments && open.Count > 0; i++)
        {
            var index = g.Next(open.Count);
            var (invoice, amount) = open[index];
            open[index] = open[^1];
            open.RemoveAt(open.Count - 1);
            var payment = XeroSeeder.Add(org, XeroCollections.Payments, new JsonObject
            {
                ["Invoice"] = new JsonObject { ["InvoiceID"] = invoice.Id, ["InvoiceNumber"] = invoice.Data.Str("InvoiceNumber"), ["Type"] = invoice.Data.Str("Type") },
                ["Account"] = new JsonObject { ["AccountID"] = bank.Id, ["Code"] = bank.Data.Str("Code") },
                ["Date"] = invoice.Data.Str("DueDate"), ["Amount"] = amount, ["BankAmount"] = amount, ["CurrencyRate"] = 1m, ["Status"] = "AUTHORISED",
                ["PaymentType"] = invoice.Data.Str("Type") == "ACCPAY" ? "ACCPAYPAYMENT" : "ACCRECPAYMENT", ["IsReconciled"] = false, ["HasAccount"] = true,
            }, ref clock);
            invoice.Data["AmountPaid"] = amount;
            invoice.Data["AmountDue"] = 0m;
            invoice.Data["Status"] = "PAID";
            invoice.Data["FullyPaidOnDate"] = invoice.Data.Str("DueDate");
            invoice.Data["Payments"] = new JsonArray(new JsonObject { ["PaymentID"] = payment.Id, ["Date"] = invoice.Data.Str("DueDate"), ["Amount"] = amount });
        }
    }
}
