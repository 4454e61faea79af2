using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>Generated sales invoices and bills in a realistic status mix, and payments that settle some of them.</summary>
internal static class XeroSeedTransactions
{
    public static void Invoices(XeroOrg org, DataGenerator g, SeedRequest request, DateTimeOffset now, ref DateTimeOffset clock)
    {
        var contacts = org.Table(XeroCollections.Contacts).Live().ToArray();
        var items = org.Table(XeroCollections.Items).Live().ToArray();
        if (contacts.Length == 0 || items.Length == 0) return;
        var number = org.Table(XeroCollections.Invoices).Rows.Count;
        for (var i = 0; i < request.Invoices; i++)
        {
            var contact = contacts[g.Next(contacts.Length)];
            var type = g.Next(10) == 0 ? "ACCPAY" : "ACCREC";
            var status = g.Next(10) switch { 0 => "DRAFT", 1 => "SUBMITTED", _ => "AUTHORISED" };
            var lines = new JsonArray();
            var total = 0m;
            for (var l = g.Next(1, 4); l > 0; l--)
            {
                var item = items[g.Next(items.Length)];
                var qty = (decimal)g.Next(1, 10);
                var unit = item.Data.Obj("SalesDetails")?.Dec("UnitPrice") ?? 100m;
                total += qty * unit;
                lines.Add(new JsonObject
                {
                    ["LineItemID"] = Guid.NewGuid().ToString(), ["Description"] = item.Data.Str("Description"), ["Quantity"] = qty, ["UnitAmount"] = unit,
                    ["ItemCode"] = item.Data.Str("Code"), ["AccountCode"] = type == "ACCREC" ? "200" : "429", ["TaxType"] = "NONE", ["TaxAmount"] = 0m, ["LineAmount"] = qty * unit,
                });
            }
            var date = g.DateWithin(now, 365);
            var invoice = new JsonObject
            {
                ["Type"] = type, ["Contact"] = new JsonObject { ["ContactID"] = contact.Id, ["Name"] = contact.Data.Str("Name") },
                ["LineItems"] = lines, ["Date"] = XeroDates.ToJson(date), ["DateString"] = XeroDates.DateString(date),
                ["DueDate"] = XeroDates.ToJson(date.AddDays(30)), ["DueDateString"] = XeroDates.DateString(date.AddDays(30)),
                ["LineAmountTypes"] = "Exclusive", ["Reference"] = $"PO-{g.Next(10000, 99999)}", ["CurrencyCode"] = org.BaseCurrency, ["CurrencyRate"] = 1m,
                ["Status"] = status, ["SubTotal"] = total, ["TotalTax"] = 0m, ["Total"] = total, ["AmountDue"] = total, ["AmountPaid"] = 0m,
                ["AmountCredited"] = 0m, ["IsDiscounted"] = false, ["HasAttachments"] = false, ["Payments"] = new JsonArray(),
            };
            if (type == "ACCREC") invoice["InvoiceNumber"] = $"INV-{++number:0000}";
            XeroSeeder.Add(org, XeroCollections.Invoices, invoice, ref clock);
        }
    }

    public static void Payments(XeroOrg org, DataGenerator g, SeedRequest request, ref DateTimeOffset clock)
    {
        var bank = org.Table(XeroCollections.Accounts).Live().FirstOrDefault(a => a.Data.Str("Type") == "BANK");
        if (bank is null) return;
        var open = org.Table(XeroCollections.Invoices).Live().Where(i => i.Data.Str("Status") == "AUTHORISED").ToList();
        for (var i = 0; i < request.Payments && open.Count > 0; i++)
        {
            var index = g.Next(open.Count);
            var invoice = open[index];
            open.RemoveAt(index);
            var amount = invoice.Data.Dec("AmountDue") ?? 0;
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
