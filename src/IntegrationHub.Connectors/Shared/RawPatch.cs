using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Shared;

/// <summary>
/// Merges a mapping's raw patch (what rules with a <c>$raw.</c> remote path produce) onto the provider payload a
/// connector built from the canonical record. Objects merge key by key; an array of objects merges element by element
/// matched on <c>Name</c> (QBO CustomField, Xero TrackingCategories) and appends the rest; any other value replaces.
/// </summary>
public static class RawPatch
{
    public static JsonObject Apply(JsonObject payload, JsonObject? patch)
    {
        if (patch is null) return payload;
        foreach (var (key, value) in patch) payload[key] = Merge(payload[key], value);
        return payload;
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        switch (target, patch)
        {
            case (JsonObject t, JsonObject p):
                foreach (var (key, value) in p) t[key] = Merge(t[key], value);
                return t;
            case (JsonArray t, JsonArray p):
                var merged = new JsonArray(t.Select(n => n?.DeepClone()).ToArray());
                foreach (var element in p)
                {
                    var name = Name(element);
                    var existing = name is null ? null : merged.OfType<JsonObject>().FirstOrDefault(o => Name(o) == name);
                    if (existing is not null) Merge(existing, element);
                    else merged.Add(element?.DeepClone());
                }
                return merged;
            default:
                return patch?.DeepClone();
        }
    }

    private static string? Name(JsonNode? node) =>
        node is JsonObject o && o["Name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
