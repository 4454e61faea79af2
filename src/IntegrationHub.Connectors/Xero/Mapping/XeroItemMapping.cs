using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.Xero.Mapping;

/// <summary>
/// Xero Item ↔ canonical Item: sku is Xero's Code (unique, what invoice lines reference), price and income account from
/// SalesDetails. Xero distinguishes only tracked inventory; other items read as "service". Xero items have no active flag.
/// </summary>
public static class XeroItemMapping
{
    public static (JsonObject Canonical, bool Deleted) ToCanonical(JsonObject xero)
    {
        var sales = xero.Obj("SalesDetails");
        return (new JsonObject
        {
            ["name"] = Value(xero.Str("Name")),
            ["sku"] = Value(xero.Str("Code")),
            ["description"] = Value(xero.Str("Description")),
            ["type"] = xero.Bool("IsTrackedAsInventory") == true ? "inventory" : "service",
            ["unitPrice"] = Value(sales.Dec("UnitPrice")),
            ["incomeAccountCode"] = Value(sales.Str("AccountCode")),
            ["active"] = true,
        }, false);
    }

    public static JsonObject ToXero(JsonObject canonical, JsonObject? current)
    {
        var body = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        body.Put(canonical, "name", "Name", JsonRead.Copy);
        body.Put(canonical, "sku", "Code", JsonRead.Copy);
        body.Put(canonical, "description", "Description", JsonRead.Copy);
        var sales = body.Obj("SalesDetails") is { } existing ? (JsonObject)existing.DeepClone() : new JsonObject();
        sales.Put(canonical, "unitPrice", "UnitPrice", JsonRead.Copy);
        sales.Put(canonical, "incomeAccountCode", "AccountCode", JsonRead.Copy);
        if (sales.Count > 0) body["SalesDetails"] = sales;
        if (current is null) body["IsSold"] = true;
        return body;
    }
}
