using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>Per-entity validation and derived fields, applied on create and on update.</summary>
public static class QboRules
{
    public static void Prepare(QboCompany company, string entity, JsonObject data, string id, JsonObject? previous, DateTimeOffset now)
    {
        switch (entity)
        {
            case "Customer": Customer(company, data, id); break;
            case "Item": NameList(company, "Item", data, id, "Name"); Item(company, data); break;
            case "Account": NameList(company, "Account", data, id, "Name"); Account(data); break;
            case "Invoice": Transaction(company, data, id, previous, "Invoice", now); break;
            case "CreditMemo": Transaction(company, data, id, previous, "CreditMemo", now); break;
            case "Payment": QboPayments.Validate(company, data, now); break;
        }
    }

    private static void Customer(QboCompany company, JsonObject data, string id)
    {
        if (string.IsNullOrWhiteSpace(data.Str("DisplayName")))
        {
            var composed = string.Join(' ', new[] { "Title", "GivenName", "MiddleName", "FamilyName", "Suffix" }
                .Select(data.Str).Where(s => !string.IsNullOrWhiteSpace(s)));
            if (composed.Length == 0) composed = data.Str("CompanyName") ?? "";
            if (composed.Length == 0) throw QboFaultException.Required("DisplayName");
            data["DisplayName"] = composed;
        }
        NameList(company, "Customer", data, id, "DisplayName");
        data["PrintOnCheckName"] ??= data.Str("DisplayName");
        data["Balance"] ??= 0m;
        data["BalanceWithJobs"] ??= 0m;
        data["Job"] ??= false;
        data["CurrencyRef"] ??= new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" };
    }

    private static void NameList(QboCompany company, string entity, JsonObject data, string id, string nameField)
    {
        var name = data.Str(nameField);
        if (string.IsNullOrWhiteSpace(name)) throw QboFaultException.Required(nameField);
        data["Active"] ??= true;
        data["FullyQualifiedName"] = name;
        // QBO checks names across active records only, so a made-inactive name can be reused.
        var clash = IsActive(data) && company.Table(entity).Live().Any(e => e.Id != id && IsActive(e.Data)
            && string.Equals(e.Data.Str(nameField), name, StringComparison.OrdinalIgnoreCase));
        if (clash) throw QboFaultException.DuplicateName(name);
    }

    private static bool IsActive(JsonObject o) => o["Active"] is not JsonValue v || !v.TryGetValue<bool>(out var active) || active;

    private static void Item(QboCompany company, JsonObject data)
    {
        data["Type"] ??= "Service";
        foreach (var refName in new[] { "IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef" })
        {
            if (data.Obj(refName)?.Str("value") is { } accountId && company.Table("Account").FindLive(accountId) is null)
                throw QboFaultException.InvalidReference("Account", accountId);
        }
    }

    private static void Account(JsonObject data)
    {
        var type = data.Str("AccountType") ?? throw QboFaultException.Required("AccountType");
        data["Classification"] ??= type switch
        {
            "Bank" or "Accounts Receivable" or "Other Current Asset" or "Fixed Asset" or "Other Asset" => "Asset",
            "Accounts Payable" or "Credit Card" or "Other Current Liability" or "Long Term Liability" => "Liability",
            "Equity" => "Equity",
            "Income" or "Other Income" => "Revenue",
            _ => "Expense",
        };
        data["CurrentBalance"] ??= 0m;
        data["SubAccount"] ??= false;
    }

    private static void Transaction(QboCompany company, JsonObject data, string id, JsonObject? previous, string entity, DateTimeOffset now)
    {
        var customerId = data.Obj("CustomerRef")?.Str("value") ?? throw QboFaultException.Required("CustomerRef");
        var customer = company.Table("Customer").FindLive(customerId) ?? throw QboFaultException.InvalidReference("Customer", customerId);
        data.Obj("CustomerRef")!["name"] = customer.Data.Str("DisplayName");
        var lines = data.Arr("Line").OfType<JsonObject>().Where(l => l.Str("DetailType") != "SubTotalLineDetail").ToList();
        if (lines.Count == 0) throw QboFaultException.Business("You must add at least one line");
        var total = 0m;
        var lineNum = 1;
        foreach (var line in lines)
        {
            line["Id"] = lineNum.ToString(CultureInfo.InvariantCulture);
            line["LineNum"] = lineNum++;
            line["DetailType"] ??= "SalesItemLineDetail";
            if (line.Obj("SalesItemLineDetail") is { } detail)
            {
                if (detail.Obj("ItemRef")?.Str("value") is { } itemId)
                {
                    var item = company.Table("Item").FindLive(itemId) ?? throw QboFaultException.InvalidReference("Item", itemId);
                    detail.Obj("ItemRef")!["name"] = item.Data.Str("Name");
                }
                if (line.Dec("Amount") is null && detail.Dec("Qty") is { } qty && detail.Dec("UnitPrice") is { } price)
                    line["Amount"] = SimJson.Round2(qty * price);
            }
            total += line.Dec("Amount") ?? throw QboFaultException.Required("Line.Amount");
        }
        lines.Add(new JsonObject { ["Amount"] = total, ["DetailType"] = "SubTotalLineDetail", ["SubTotalLineDetail"] = new JsonObject() });
        data["Line"] = new JsonArray([.. lines.Select(l => (JsonNode)l.DeepClone())]);
        data["TotalAmt"] = total;
        var alreadyApplied = previous is null ? 0m : (previous.Dec("TotalAmt") ?? 0) - (previous.Dec("Balance") ?? 0);
        if (total < alreadyApplied) throw QboFaultException.Business($"The new total {total} is less than the {alreadyApplied} already paid");
        data["Balance"] = total - alreadyApplied;
        if (entity == "CreditMemo") data["RemainingCredit"] = total;
        data["TxnDate"] ??= QboTime.Date(now);
        if (entity == "Invoice" && data["DueDate"] is null && DateOnly.TryParse(data.Str("TxnDate"), CultureInfo.InvariantCulture, out var txnDate))
            data["DueDate"] = txnDate.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["CurrencyRef"] ??= new JsonObject { ["value"] = "USD", ["name"] = "United States Dollar" };
        if (previous?["LinkedTxn"] is { } linked) data["LinkedTxn"] = linked.DeepClone();
        DocNumber(company, entity, data, id);
    }

    private static void DocNumber(QboCompany company, string entity, JsonObject data, string id)
    {
        var table = company.Table(entity);
        var number = data.Str("DocNumber");
        if (string.IsNullOrEmpty(number))
        {
            data["DocNumber"] = (1000 + table.NextId).ToString(CultureInfo.InvariantCulture);
            return;
        }
        if (table.Live().Any(e => e.Id != id && e.Data.Str("DocNumber") == number))
            throw new QboFaultException(400, "6140", "Duplicate Document Number Error", $"Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber={number}");
    }
}
