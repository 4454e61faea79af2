using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Checks before a push: the provider's required fields and simple types (connector metadata), and currency — it must
/// be set, and a currency the provider's organisation does not accept blocks the record unless the tenant mapped it.
/// </summary>
internal static class OutboundChecks
{
    // Metadata paths are few and fixed; parse each once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MappingPath> Paths = new(StringComparer.Ordinal);

    private static MappingPath PathOf(string field) => Paths.GetOrAdd(field, MappingPath.Parse);

    public static void Run(MappingContext context, JsonObject canonical, List<MappingError> errors)
    {
        if (context.Metadata?.RequiredFields is { } required)
        {
            foreach (var field in required)
            {
                var path = PathOf(field);
                var matches = path.Get(canonical, out _);
                if (matches.Count == 0 && path.Wildcards > 0) errors.Add(new MappingError(field, $"{context.ProviderName} requires at least one element here."));
                foreach (var m in matches)
                    if (m.Value is null || CompiledTransform.Text(m.Value) is "")
                        errors.Add(new MappingError(MappingEngine.Describe(path, m.Indices), $"{context.ProviderName} requires this field."));
            }
        }
        if (context.Metadata?.FieldTypes is { } types)
        {
            foreach (var (field, type) in types)
            {
                var path = PathOf(field);
                foreach (var m in path.Get(canonical, out _))
                    if (m.Value is not null && !HasType(m.Value, type))
                        errors.Add(new MappingError(MappingEngine.Describe(path, m.Indices), $"{context.ProviderName} expects a {type} here, got {Kind(m.Value)} {Short(m.Value)}."));
            }
        }
        if (CanonicalFields.HasCurrency(context.Entity)) CheckCurrency(context, canonical, errors);
    }

    private static void CheckCurrency(MappingContext context, JsonObject canonical, List<MappingError> errors)
    {
        var currency = CompiledTransform.Text(canonical["currency"]);
        if (string.IsNullOrWhiteSpace(currency)) { errors.Add(new MappingError("currency", "Currency must be set (an ISO 4217 code).")); return; }
        if (context.Lookups is { Count: > 0 } lookups && lookups.TryGetValue(context.CurrencyTable, out var table) && table.Entries.TryGetValue(currency, out var mapped))
        {
            canonical["currency"] = currency = mapped;
        }
        if (context.Currencies is { Count: > 0 } accepted && !accepted.Contains(currency))
            errors.Add(new MappingError("currency", $"Currency '{currency}' is not enabled in {context.ProviderName} and has no currency mapping (lookup table '{context.CurrencyTable}')."));
    }

    private static bool HasType(JsonNode node, string type) => type switch
    {
        "string" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "number" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "boolean" => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "date" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "array" => node is JsonArray,
        "object" => node is JsonObject,
        _ => true,
    };

    private static string Kind(JsonNode node) => node switch
    {
        JsonArray => "an array",
        JsonObject => "an object",
        JsonValue v => v.GetValueKind() switch { JsonValueKind.String => "a string", JsonValueKind.Number => "a number", _ => "a boolean" },
        _ => "a value",
    };

    private static string Short(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
