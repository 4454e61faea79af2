using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>Generated invoices (1–3 item lines) and payments that settle some of them in full.</summary>
internal static class QboSeedTransactions
{
    public static void Invoices(QboCompany company, DataGenerator g, SeedRequest request, DateTimeOffset now, ref DateTimeOffset clock)
    {
        var customers = company.Table("Customer").Live().ToArray();
        var items = company.Table("Item").Live().ToArray();
        if (customers.Length == 0 || items.Length == 0) return;
        var table = company.Table("Invoice");
        for (var i = 0; i < request.Invoices; i++)
        {
            var customer = customers[g.Next(customers.Length)];
            var lines = new JsonArray();
            var total = 0m;
            var lineCount = g.Next(1, 4);
            for (var l = 1; l <= lineCount; l++)
            {
                var item = items[g.Next(items.Length)];
                var qty = g.Next(1, 10);
                var price = item.Data.Dec("UnitPrice") ?? 100m;
                var amount = qty * price;
                total += amount;
                lines.Add(new JsonObject
                {
                    ["Id"] = l.ToString(CultureInfo.InvariantCulture), ["LineNum"] = l, ["Description"] = item.Data.Str("Description"), ["Amount"] = amount,
                    ["DetailType"] = "SalesItemLineDetail",
                    ["SalesItemLineDetail"] = new JsonObject
                    {
                        ["ItemRef"] = new JsonObject { ["value"] = item.Id, ["name"] = item.Data.Str("Name") }, ["Qty"] = qty, ["UnitPrice"] = price,
                    },
                });
            }
            lines.Add(new JsonObject { ["Amount"] = total, ["DetailType"] = "SubTotalLineDetail", ["SubTotalLineDetail"] = new JsonObject() });
            var txnDate = g.DateWithin(now, 365);
            QboSeeder.Add(company, "Invoice", new JsonObject
            {
                ["DocNumber"] = (1000 + table.NextId).ToString(CultureInfo.InvariantCulture),
                ["TxnDate"] = txnDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["DueDate"] = txnDate.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["CustomerRef"] = new JsonObject { ["value"] = customer.Id, ["name"] = customer.Data.Str("DisplayName") },
                ["Line"] = lines, ["TotalAmt"] = total, ["Balance"] = total, ["CurrencyRef"] = QboSeeder.Currency("USD"),
                ["BillEmail"] = customer.Data["PrimaryEmailAddr"]?.DeepClone(), ["BillAddr"] = customer.Data["BillAddr"]?.DeepClone(),
            }, ref clock);
        }
    }

    public static void Payments(QboCompany company, DataGenerator g, SeedRequest request, ref DateTimeOffset clock)
    {
        var open = company.Table("Invoice").Live().Where(i => (i.Data.Dec("Balance") ?? 0) > 0).ToList();
        for (var i = 0; i < request.Payments && open.Count > 0; i++)
        {
            var index = g.Next(open.Count);
            var invoice = open[index];
            open.RemoveAt(index);
            var amount = invoice.Data.Dec("Balance") ?? 0;
            var payment = QboSeeder.Add(company, "Payment", new JsonObject
            {
                ["TxnDate"] = invoice.Data.Str("DueDate"), ["CustomerRef"] = invoice.Data["CustomerRef"]!.DeepClone(), ["TotalAmt"] = amount,
                ["UnappliedAmt"] = 0m, ["CurrencyRef"] = QboSeeder.Currency("USD"),
                ["Line"] = new JsonArray(new JsonObject
                {
                    ["Amount"] = amount,
                    ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = invoice.Id, ["TxnType"] = "Invoice" }),
                }),
            }, ref clock);
            invoice.Data["Balance"] = 0m;
            invoice.Data["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = payment.Id, ["TxnType"] = "Payment" });
        }
    }
}
