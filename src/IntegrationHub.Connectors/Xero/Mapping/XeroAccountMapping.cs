using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.Xero.Mapping;

/// <summary>Xero Account → canonical Account (inbound only); ARCHIVED accounts count as deleted.</summary>
public static class XeroAccountMapping
{
    public static (JsonObject Canonical, bool Deleted) ToCanonical(JsonObject xero)
    {
        var status = xero.Str("Status") ?? "ACTIVE";
        return (new JsonObject
        {
            ["code"] = Value(xero.Str("Code")),
            ["name"] = Value(xero.Str("Name")),
            ["type"] = Value(xero.Str("Type")),
            ["class"] = Value(xero.Str("Class")),
            ["currency"] = Value(xero.Str("CurrencyCode")),
            ["active"] = status == "ACTIVE",
        }, status == "ARCHIVED");
    }
}
