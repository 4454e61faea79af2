using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Shared;

/// <summary>Tolerant readers over provider JSON: a missing field, a null or a value of the wrong kind reads as null.</summary>
public static class JsonRead
{
    public static string? Str(this JsonObject? o, string name) => o?[name] is JsonValue v ? Text(v) : null;

    public static JsonObject? Obj(this JsonObject? o, string name) => o?[name] as JsonObject;

    public static IEnumerable<JsonObject> Objects(this JsonObject? o, string name) => (o?[name] as JsonArray)?.OfType<JsonObject>() ?? [];

    public static decimal? Dec(this JsonObject? o, string name) => o?[name] is JsonValue v ? Decimal(v) : null;

    public static bool? Bool(this JsonObject? o, string name) => o?[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
        ? v.GetValue<bool>()
        : o?[name] is JsonValue s && s.GetValueKind() == JsonValueKind.String && bool.TryParse(s.GetValue<string>(), out var b) ? b : null;

    public static string? Text(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.String => v.GetValue<string>(),
        JsonValueKind.Number => v.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static decimal? Decimal(JsonValue v) => v.GetValueKind() switch
    {
        JsonValueKind.Number => v.TryGetValue<decimal>(out var d) ? d
            : decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        JsonValueKind.String => decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null,
        _ => null,
    };

    /// <summary>Copies a canonical object without its null members (what the hub does not know is not sent).</summary>
    public static JsonObject WithoutNulls(this JsonObject o)
    {
        var result = new JsonObject();
        foreach (var (key, value) in o)
            if (value is not null) result[key] = value.DeepClone();
        return result;
    }

    /// <summary>Sets <paramref name="name"/> on <paramref name="target"/> when the canonical value is known; removes it when the canonical value is explicitly null.</summary>
    public static void Put(this JsonObject target, JsonObject canonical, string canonicalName, string name, Func<JsonNode, JsonNode?> convert)
    {
        if (!canonical.TryGetPropertyValue(canonicalName, out var value)) return;
        if (value is null) target.Remove(name);
        else target[name] = convert(value);
    }

    public static JsonNode? Copy(JsonNode node) => node.DeepClone();
}
