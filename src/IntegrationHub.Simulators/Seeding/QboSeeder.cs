using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>
/// Writes generated QBO records straight into a company's tables (no per-record validation or
/// webhooks), which is what lets 100,000 invoices seed in a few seconds.
/// </summary>
public static class QboSeeder
{
    private static readonly (string Name, string Type, string SubType)[] Chart =
    [
        ("Checking", "Bank", "Checking"), ("Savings", "Bank", "Savings"), ("Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable"),
        ("Undeposited Funds", "Other Current Asset", "UndepositedFunds"), ("Inventory Asset", "Other Current Asset", "Inventory"),
        ("Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable"), ("Sales of Product Income", "Income", "SalesOfProductIncome"),
        ("Services", "Income", "ServiceFeeIncome"), ("Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs"),
        ("Advertising", "Expense", "AdvertisingPromotional"), ("Rent or Lease", "Expense", "RentOrLeaseOfBuildings"),
        ("Utilities", "Expense", "Utilities"), ("Opening Balance Equity", "Equity", "OpeningBalanceEquity"),
    ];

    public static void Seed(QboCompany company, SeedRequest request, DateTimeOffset now)
    {
        var g = new DataGenerator(request.Seed);
        var total = (request.ChartOfAccounts ? Chart.Length : 0) + request.Customers + request.Items + request.Invoices + request.Payments;
        var clock = now.AddMilliseconds(-total);
        lock (company.Gate)
        {
            if (request.ChartOfAccounts)
            {
                foreach (var (name, type, subType) in Chart)
                {
                    if (company.Table("Account").Live().Any(a => a.Data.Str("Name") == name)) continue;
                    Add(company, "Account", new JsonObject
                    {
                        ["Name"] = name, ["AccountType"] = type, ["AccountSubType"] = subType, ["Active"] = true, ["FullyQualifiedName"] = name,
                        ["Classification"] = type is "Income" ? "Revenue" : type is "Expense" or "Cost of Goods Sold" ? "Expense" : type is "Equity" ? "Equity" : type.Contains("Payable") ? "Liability" : "Asset",
                        ["CurrentBalance"] = 0m, ["SubAccount"] = false, ["CurrencyRef"] = Currency("USD"),
                    }, ref clock);
                }
            }
            var income = company.Table("Account").Live().FirstOrDefault(a => a.Data.Str("AccountType") == "Income");
            var existingItems = company.Table("Item").Rows.Count;
            for (var i = 0; i < request.Items; i++)
            {
                var (product, price) = g.Product(i);
                var name = existingItems + i < WordLists.Products.Length ? product : $"{product} {existingItems + i + 1}";
                var item = new JsonObject
                {
                    ["Name"] = name, ["Description"] = product, ["Active"] = true, ["FullyQualifiedName"] = name, ["Type"] = "Service",
                    ["UnitPrice"] = price, ["Taxable"] = false,
                };
                if (income is not null) item["IncomeAccountRef"] = new JsonObject { ["value"] = income.Id, ["name"] = income.Data.Str("Name") };
                Add(company, "Item", item, ref clock);
            }
            var usedNames = new HashSet<string>(company.Table("Customer").Live().Select(c => c.Data.Str("DisplayName") ?? ""), StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < request.Customers; i++)
            {
                var p = g.Party();
                var display = p.DisplayName;
                for (var n = 2; !usedNames.Add(display); n++) display = $"{p.DisplayName} ({n})";
                Add(company, "Customer", new JsonObject
                {
                    ["DisplayName"] = display, ["GivenName"] = p.GivenName, ["FamilyName"] = p.FamilyName, ["CompanyName"] = p.CompanyName,
                    ["PrintOnCheckName"] = display, ["FullyQualifiedName"] = display, ["Active"] = true, ["Job"] = false,
                    ["PrimaryEmailAddr"] = new JsonObject { ["Address"] = p.Email },
                    ["PrimaryPhone"] = new JsonObject { ["FreeFormNumber"] = p.Phone },
                    ["BillAddr"] = new JsonObject { ["Line1"] = p.Street, ["City"] = p.City, ["CountrySubDivisionCode"] = p.Region, ["PostalCode"] = p.PostalCode, ["Country"] = p.Country },
                    ["Balance"] = 0m, ["BalanceWithJobs"] = 0m, ["CurrencyRef"] = Currency("USD"),
                }, ref clock);
            }
            var invoices = QboSeedTransactions.Invoices(company, g, request, now, ref clock);
            QboSeedTransactions.Payments(company, g, request, invoices, ref clock);
        }
    }

    internal static StoredEntity Add(QboCompany company, string entity, JsonObject data, ref DateTimeOffset clock)
    {
        var table = company.Table(entity);
        var id = table.NextId++.ToString(CultureInfo.InvariantCulture);
        clock = clock.AddMilliseconds(1);
        QboEngine.Stamp(data, id, 0, clock, clock);
        var stored = new StoredEntity(id, data, clock, clock);
        table.Add(stored);
        return stored;
    }

    internal static JsonObject Currency(string code) => new() { ["value"] = code, ["name"] = code == "USD" ? "United States Dollar" : code };
}
