using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.QuickBooks.Mapping;

/// <summary>QBO Item ↔ canonical Item. Account "codes" on the QBO side are account ids (QBO references accounts by id).</summary>
public static class QboItemMapping
{
    public static JsonObject ToCanonical(JsonElement qbo) => new()
    {
        ["name"] = Value(qbo.Str("Name")),
        ["sku"] = Value(qbo.Str("Sku")),
        ["description"] = Value(qbo.Str("Description")),
        ["type"] = Value(CanonicalType(qbo.Str("Type"))),
        ["unitPrice"] = Value(qbo.Dec("UnitPrice")),
        ["incomeAccountCode"] = Value(qbo.Obj("IncomeAccountRef").Str("value")),
        ["active"] = Value(qbo.Bool("Active") ?? true),
    };

    public static JsonObject ToQbo(JsonObject canonical, JsonObject? current)
    {
        var body = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        body.Put(canonical, "name", "Name", JsonRead.Copy);
        body.Put(canonical, "sku", "Sku", JsonRead.Copy);
        body.Put(canonical, "description", "Description", JsonRead.Copy);
        body.Put(canonical, "unitPrice", "UnitPrice", JsonRead.Copy);
        body.Put(canonical, "active", "Active", JsonRead.Copy);
        body.Put(canonical, "incomeAccountCode", "IncomeAccountRef", v => new JsonObject { ["value"] = v.DeepClone() });
        // QBO does not let an item change type after creation.
        if (current is null) body.Put(canonical, "type", "Type", v => JsonValue.Create(QboType(Str(v))));
        return body;
    }

    public static string? CanonicalType(string? qboType) => qboType switch
    {
        "Service" => "service",
        "Inventory" => "inventory",
        "NonInventory" => "noninventory",
        null => null,
        _ => qboType.ToLowerInvariant(),
    };

    public static string QboType(string? canonicalType) => canonicalType?.ToLowerInvariant() switch
    {
        "inventory" => "Inventory",
        "noninventory" => "NonInventory",
        _ => "Service",
    };
}
