using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>Changes to other records that a save implies (a payment updates its invoice), run only when the save commits.</summary>
public sealed class XeroEffects
{
    private readonly List<Action> _actions = [];

    public List<(XeroCollection Collection, StoredEntity Entity)> Touched { get; } = [];

    public List<(XeroCollection Collection, StoredEntity Entity)> Created { get; } = [];

    /// <summary>A record the save creates as a side effect (Xero creates a contact named on a new invoice).</summary>
    public void AddCreated(XeroOrg org, XeroCollection collection, StoredEntity entity)
    {
        _actions.Add(() => org.Table(collection).Add(entity));
        Created.Add((collection, entity));
    }

    public void Add(XeroCollection collection, StoredEntity entity, Action change)
    {
        _actions.Add(change);
        Touched.Add((collection, entity));
    }

    public void Commit() => _actions.ForEach(a => a());
}

/// <summary>Per-collection validation and derived fields.</summary>
public static class XeroRules
{
    private static readonly string[] AccountTypes =
        ["BANK", "CURRENT", "CURRLIAB", "DEPRECIATN", "DIRECTCOSTS", "EQUITY", "EXPENSE", "FIXED", "INVENTORY", "LIABILITY",
         "NONCURRENT", "OTHERINCOME", "OVERHEADS", "PREPAYMENT", "REVENUE", "SALES", "TERMLIAB", "PAYG"];

    public static XeroEffects Prepare(XeroOrg org, XeroCollection collection, JsonObject data, JsonObject? previous, DateTimeOffset now)
    {
        var effects = new XeroEffects();
        switch (collection.Name)
        {
            case "Contacts": Contact(org, data); break;
            case "Items": Item(org, data); break;
            case "Accounts": Account(org, data); break;
            case "Invoices":
            case "CreditNotes": XeroDocuments.Prepare(org, collection, data, previous, now, effects); break;
            case "Payments": XeroPaymentRules.Prepare(org, data, previous, now, effects); break;
        }
        return effects;
    }

    private static void Contact(XeroOrg org, JsonObject data)
    {
        var name = data.Str("Name");
        if (string.IsNullOrWhiteSpace(name)) throw new XeroValidationException("The contact name must be specified");
        var status = data.Str("ContactStatus") ?? "ACTIVE";
        if (status is not ("ACTIVE" or "ARCHIVED" or "GDPRREQUEST")) throw new XeroValidationException($"ContactStatus '{status}' is not valid");
        data["ContactStatus"] = status;
        var id = data.Str("ContactID");
        if (status == "ACTIVE" && org.Table(XeroCollections.Contacts).Live().Any(c => c.Id != id && c.Data.Str("ContactStatus") == "ACTIVE"
                && string.Equals(c.Data.Str("Name"), name, StringComparison.OrdinalIgnoreCase)))
            throw new XeroValidationException($"The contact name {name} is already assigned to another contact. The contact name must be unique across all active contacts.");
        data["Addresses"] ??= new JsonArray();
        data["Phones"] ??= new JsonArray();
        data["IsSupplier"] ??= false;
        data["IsCustomer"] ??= false;
        data["HasAttachments"] ??= false;
    }

    private static void Item(XeroOrg org, JsonObject data)
    {
        var code = data.Str("Code");
        if (string.IsNullOrWhiteSpace(code)) throw new XeroValidationException("Item code is required");
        if (code.Length > 30) throw new XeroValidationException("The Item code must be 30 characters or less");
        var id = data.Str("ItemID");
        if (org.Table(XeroCollections.Items).Live().Any(i => i.Id != id && string.Equals(i.Data.Str("Code"), code, StringComparison.OrdinalIgnoreCase)))
            throw new XeroValidationException($"Item code '{code}' already exists");
        data["Name"] ??= code;
        data["IsSold"] ??= true;
        data["IsPurchased"] ??= false;
        data["IsTrackedAsInventory"] ??= false;
    }

    private static void Account(XeroOrg org, JsonObject data)
    {
        var name = data.Str("Name");
        if (string.IsNullOrWhiteSpace(name)) throw new XeroValidationException("Please enter a name for this account");
        var type = data.Str("Type");
        if (type is null || !AccountTypes.Contains(type)) throw new XeroValidationException($"Account type '{type}' is not valid");
        var id = data.Str("AccountID");
        var others = org.Table(XeroCollections.Accounts).Live().Where(a => a.Id != id).ToList();
        if (others.Any(a => string.Equals(a.Data.Str("Name"), name, StringComparison.OrdinalIgnoreCase)))
            throw new XeroValidationException("Please enter a unique Name.");
        if (data.Str("Code") is { } code && others.Any(a => a.Data.Str("Code") == code))
            throw new XeroValidationException("Please enter a unique Code.");
        if (type == "BANK" && data.Str("BankAccountNumber") is null) throw new XeroValidationException("Bank account number is required for bank accounts");
        data["Status"] ??= "ACTIVE";
        data["Class"] = type switch
        {
            "BANK" or "CURRENT" or "FIXED" or "INVENTORY" or "NONCURRENT" or "PREPAYMENT" => "ASSET",
            "CURRLIAB" or "LIABILITY" or "TERMLIAB" or "PAYG" => "LIABILITY",
            "EQUITY" => "EQUITY",
            "REVENUE" or "SALES" or "OTHERINCOME" => "REVENUE",
            _ => "EXPENSE",
        };
        data["EnablePaymentsToAccount"] ??= false;
        data["ShowInExpenseClaims"] ??= false;
        data["HasAttachments"] ??= false;
        data["TaxType"] ??= "NONE";
    }
}
