using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.QuickBooks.Mapping;

/// <summary>QBO Account → canonical Account (inbound only). The canonical code is the account id, which is what items and lines reference.</summary>
public static class QboAccountMapping
{
    public static JsonObject ToCanonical(JsonElement qbo) => new()
    {
        ["code"] = Value(qbo.Str("Id")),
        ["name"] = Value(qbo.Str("Name")),
        ["type"] = Value(qbo.Str("AccountType")),
        ["class"] = Value(qbo.Str("Classification")),
        ["currency"] = Value(qbo.Obj("CurrencyRef").Str("value")),
        ["active"] = Value(qbo.Bool("Active") ?? true),
    };
}
