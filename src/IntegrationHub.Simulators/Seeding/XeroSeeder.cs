using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>Writes generated Xero records straight into an organisation's tables, in the shape the API returns.</summary>
public static class XeroSeeder
{
    private static readonly (string Code, string Name, string Type)[] Chart =
    [
        ("090", "Business Bank Account", "BANK"), ("091", "Business Savings Account", "BANK"), ("200", "Sales", "REVENUE"),
        ("260", "Other Revenue", "OTHERINCOME"), ("310", "Cost of Goods Sold", "DIRECTCOSTS"), ("400", "Advertising", "OVERHEADS"),
        ("429", "General Expenses", "OVERHEADS"), ("469", "Rent", "OVERHEADS"), ("610", "Accounts Receivable", "CURRENT"),
        ("800", "Accounts Payable", "CURRLIAB"), ("970", "Owner A Funds Introduced", "EQUITY"),
    ];

    public static void Seed(XeroOrg org, SeedRequest request, DateTimeOffset now)
    {
        var g = new DataGenerator(request.Seed);
        var clock = now.AddMilliseconds(-(request.Customers + request.Items + request.Invoices + request.Payments + Chart.Length));
        lock (org.Gate)
        {
            if (request.ChartOfAccounts)
            {
                foreach (var (code, name, type) in Chart)
                {
                    if (org.Table(XeroCollections.Accounts).Live().Any(a => a.Data.Str("Code") == code)) continue;
                    var account = new JsonObject { ["Code"] = code, ["Name"] = name, ["Type"] = type, ["Status"] = "ACTIVE", ["TaxType"] = "NONE",
                        ["EnablePaymentsToAccount"] = false, ["ShowInExpenseClaims"] = false, ["HasAttachments"] = false,
                        ["Class"] = type switch { "BANK" or "CURRENT" => "ASSET", "CURRLIAB" => "LIABILITY", "EQUITY" => "EQUITY", "REVENUE" or "OTHERINCOME" => "REVENUE", _ => "EXPENSE" } };
                    if (type == "BANK") { account["BankAccountNumber"] = "0201" + code + "0123456"; account["BankAccountType"] = "BANK"; account["CurrencyCode"] = org.BaseCurrency; }
                    Add(org, XeroCollections.Accounts, account, ref clock);
                }
            }
            var offset = org.Table(XeroCollections.Items).Rows.Count;
            for (var i = 0; i < request.Items; i++)
            {
                var (product, price) = g.Product(i);
                Add(org, XeroCollections.Items, new JsonObject
                {
                    ["Code"] = $"ITEM-{offset + i + 1:000}", ["Name"] = product, ["Description"] = product, ["IsSold"] = true, ["IsPurchased"] = false,
                    ["IsTrackedAsInventory"] = false, ["SalesDetails"] = new JsonObject { ["UnitPrice"] = price, ["AccountCode"] = "200", ["TaxType"] = "NONE" },
                }, ref clock);
            }
            var names = new HashSet<string>(org.Table(XeroCollections.Contacts).Live().Select(c => c.Data.Str("Name") ?? ""), StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < request.Customers; i++)
            {
                var p = g.Party();
                var name = p.DisplayName;
                for (var n = 2; !names.Add(name); n++) name = $"{p.DisplayName} ({n})";
                Add(org, XeroCollections.Contacts, new JsonObject
                {
                    ["ContactStatus"] = "ACTIVE", ["Name"] = name, ["FirstName"] = p.GivenName, ["LastName"] = p.FamilyName, ["EmailAddress"] = p.Email,
                    ["Addresses"] = new JsonArray(new JsonObject { ["AddressType"] = "STREET", ["AddressLine1"] = p.Street, ["City"] = p.City, ["Region"] = p.Region, ["PostalCode"] = p.PostalCode, ["Country"] = p.Country }),
                    ["Phones"] = new JsonArray(new JsonObject { ["PhoneType"] = "DEFAULT", ["PhoneNumber"] = p.Phone }),
                    ["IsSupplier"] = i % 7 == 0, ["IsCustomer"] = true, ["DefaultCurrency"] = org.BaseCurrency, ["HasAttachments"] = false,
                }, ref clock);
            }
            var authorised = XeroSeedTransactions.Invoices(org, g, request, now, ref clock);
            XeroSeedTransactions.Payments(org, g, request, authorised, ref clock);
        }
    }

    internal static StoredEntity Add(XeroOrg org, XeroCollection collection, JsonObject data, ref DateTimeOffset clock)
    {
        clock = clock.AddMilliseconds(1);
        var id = Guid.NewGuid().ToString();
        data[collection.IdField] = id;
        XeroEngine.Stamp(collection, data, clock);
        var stored = new StoredEntity(id, data, clock, clock);
        org.Table(collection).Add(stored);
        return stored;
    }
}
