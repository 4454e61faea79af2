using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Shared;

/// <summary>Small helpers over <see cref="JsonObject"/>, which holds every entity so unknown fields round-trip.</summary>
public static class SimJson
{
    /// <summary>Relaxed escaping: vendors write "+0000" and "&" literally, and clients compare raw strings.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string? Str(this JsonObject o, string name) =>
        o[name] is JsonValue v ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString(SimJson.Options).Trim('"')) : null;

    public static decimal? Dec(this JsonObject o, string name) => ToDecimal(o[name]);

    public static decimal? ToDecimal(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue<decimal>(out var d)) return d;
        if (v.TryGetValue<double>(out var f)) return (decimal)f;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        return v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : null;
    }

    public static JsonObject? Obj(this JsonObject o, string name) => o[name] as JsonObject;

    public static JsonArray Arr(this JsonObject o, string name) => o[name] as JsonArray ?? [];

    /// <summary>Follows a dotted path such as <c>MetaData.LastUpdatedTime</c> or <c>CustomerRef</c>.</summary>
    public static JsonNode? Path(this JsonObject o, string path)
    {
        JsonNode? current = o;
        foreach (var part in path.Split('.'))
        {
            if (current is not JsonObject obj) return null;
            current = obj.FirstOrDefault(p => string.Equals(p.Key, part, StringComparison.OrdinalIgnoreCase)).Value;
        }
        // A reference type (CustomerRef) compares by its value, as QBO's query language does.
        return current is JsonObject refObj && refObj["value"] is { } value ? value : current;
    }

    public static decimal Round2(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
