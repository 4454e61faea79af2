using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Connectors.Shared;

/// <summary>
/// <see cref="JsonRead"/> over a parsed document instead of a node tree, with the same answers (a missing field, a null
/// or a value of the wrong kind reads as null). Pages of records are mapped through these: an element is read in place,
/// where a <c>JsonObject</c> builds a dictionary and a node per field the first time it is touched.
/// </summary>
public static class JsonElementRead
{
    public static string? Str(this JsonElement o, string name) => Field(o, name) is { } v ? Text(v) : null;

    public static string? Str(this JsonElement? o, string name) => o is { } e ? e.Str(name) : null;

    public static JsonElement? Obj(this JsonElement o, string name) => Field(o, name) is { ValueKind: JsonValueKind.Object } v ? v : null;

    public static JsonElement? Obj(this JsonElement? o, string name) => o is { } e ? e.Obj(name) : null;

    public static IEnumerable<JsonElement> Objects(this JsonElement o, string name) =>
        Field(o, name) is { ValueKind: JsonValueKind.Array } items ? items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object) : [];

    public static IEnumerable<JsonElement> Objects(this JsonElement? o, string name) => o is { } e ? e.Objects(name) : [];

    public static decimal? Dec(this JsonElement o, string name) => Field(o, name) is { } v ? Decimal(v) : null;

    public static decimal? Dec(this JsonElement? o, string name) => o is { } e ? e.Dec(name) : null;

    public static bool? Bool(this JsonElement o, string name) => Field(o, name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s when bool.TryParse(s.GetString(), out var b) => b,
        _ => null,
    };

    public static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    public static decimal? Decimal(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.TryGetDecimal(out var d) ? d
            : decimal.TryParse(v.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        JsonValueKind.String => decimal.TryParse(v.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : null,
        _ => null,
    };

    private static JsonElement? Field(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var value) ? value : null;
}
