using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>Generated invoices (1–3 item lines) and payments that settle some of them in full.</summary>
internal static class QboSeedTransactions
{
    public static List<(StoredEntity Invoice, decimal Total, string CustomerId)> Invoices(QboCompany company, DataGenerator g, SeedRequest request, DateTimeOffset now, ref DateTimeOffset clock)
    {
        var created = new List<(StoredEntity, decimal, string)>(request.Invoices);
        var customers = company.Table("Customer").Live().Select(c => (c.Id, Name: c.Data.Str("DisplayName")!, Email: c.Data.Obj("PrimaryEmailAddr")?.Str("Address"))).ToArray();
        var items = company.Table("Item").Live().Select(i => (i.Id, Name: i.Data.Str("Name")!, Description: i.Data.Str("Description"), Price: i.Data.Dec("UnitPrice") ?? 100m)).ToArray();
        if (customers.Length == 0 || items.Length == 0) return created;
        var table = company.Table("Invoice");
        var json = new LazyJson();
        var lines = new (int Item, int Qty)[3];
        for (var i = 0; i < request.Invoices; i++)
        {
            var customer = customers[g.Next(customers.Length)];
            var lineCount = g.Next(1, 4);
            var total = 0m;
            for (var l = 0; l < lineCount; l++)
            {
                lines[l] = (g.Next(items.Length), g.Next(1, 10));
                total += lines[l].Qty * items[lines[l].Item].Price;
            }
            var txnDate = g.DateWithin(now, 365);
            var id = table.NextId++;
            clock = clock.AddMilliseconds(1);
            var stamp = QboTime.Format(clock);
            var data = json.Build(w =>
            {
                w.WriteString("DocNumber", (1000 + id).ToString(CultureInfo.InvariantCulture));
                w.WriteString("TxnDate", txnDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteString("DueDate", txnDate.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteStartObject("CustomerRef"); w.WriteString("value", customer.Id); w.WriteString("name", customer.Name); w.WriteEndObject();
                w.WriteStartArray("Line");
                for (var l = 0; l < lineCount; l++)
                {
                    var item = items[lines[l].Item];
                    w.WriteStartObject();
                    w.WriteString("Id", (l + 1).ToString(CultureInfo.InvariantCulture));
                    w.WriteNumber("LineNum", l + 1);
                    w.WriteString("Description", item.Description);
                    w.WriteNumber("Amount", lines[l].Qty * item.Price);
                    w.WriteString("DetailType", "SalesItemLineDetail");
                    w.WriteStartObject("SalesItemLineDetail");
                    w.WriteStartObject("ItemRef"); w.WriteString("value", item.Id); w.WriteString("name", item.Name); w.WriteEndObject();
                    w.WriteNumber("Qty", lines[l].Qty);
                    w.WriteNumber("UnitPrice", item.Price);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteStartObject(); w.WriteNumber("Amount", total); w.WriteString("DetailType", "SubTotalLineDetail"); w.WriteStartObject("SubTotalLineDetail"); w.WriteEndObject(); w.WriteEndObject();
                w.WriteEndArray();
                w.WriteNumber("TotalAmt", total);
                w.WriteNumber("Balance", total);
                w.WriteStartObject("CurrencyRef"); w.WriteString("value", "USD"); w.WriteString("name", "United States Dollar"); w.WriteEndObject();
                if (customer.Email is not null) { w.WriteStartObject("BillEmail"); w.WriteString("Address", customer.Email); w.WriteEndObject(); }
                w.WriteString("Id", id.ToString(CultureInfo.InvariantCulture));
                w.WriteString("SyncToken", "0");
                w.WriteString("domain", "QBO");
                w.WriteBoolean("sparse", false);
                w.WriteStartObject("MetaData"); w.WriteString("CreateTime", stamp); w.WriteString("LastUpdatedTime", stamp); w.WriteEndObject();
            });
            var stored = new StoredEntity(id.ToString(CultureInfo.InvariantCulture), data, clock, clock);
            table.Add(stored);
            created.Add((stored, total, customer.Id));
        }
        return created;
    }

    public static void Payments(QboCompany company, DataGenerator g, SeedRequest request, List<(StoredEntity Invoice, decimal Total, string CustomerId)> open, ref DateTimeOffset clock)
    {
        for (var i = 0; i < request.Payments && open.Count > 0; i++)
        {
            var index = g.Next(open.Count);
            var (invoice, amount, _) = open[index];
            open[index] = open[^1];
            open.RemoveAt(open.Count - 1);
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
        // What is still open is what the customers owe.
        foreach (var (_, total, customerId) in open) QboBalances.Adjust(company, customerId, total);
    }
}
