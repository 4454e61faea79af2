using System.Text.Json;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>An audit event's data as "key: value" pairs: readable in a table cell, and nothing is hidden from the reader.</summary>
public static class AuditDetails
{
    public static string Describe(JsonElement? data)
    {
        if (data is not { } json || json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) return "—";
        if (json.ValueKind != JsonValueKind.Object) return json.GetRawText();
        var pairs = json.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => $"{p.Name}: {Value(p.Value)}")
            .ToList();
        return pairs.Count == 0 ? "—" : string.Join(" · ", pairs);
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Value)),
        _ => value.GetRawText(),
    };
}
