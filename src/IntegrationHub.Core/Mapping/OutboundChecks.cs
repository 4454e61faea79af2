using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Checks before a push: the provider's required fields and simple types (connector metadata) on the mapped output as
/// written, and currency — it must be set, and a currency the provider's organisation does not accept blocks the record
/// unless the tenant mapped it. Each failure names the field and the reason; any failure fails that record only.
/// </summary>
internal static class OutboundChecks
{
    // Metadata paths are few and fixed; parse each once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MappingPath> Paths = new(StringComparer.Ordinal);

    private static MappingPath PathOf(string field) => Paths.GetOrAdd(field, MappingPath.Parse);

    public static bool HasFieldRules(MappingContext context) =>
        context.Metadata?.RequiredFields is { Count: > 0 } || context.Metadata?.FieldTypes is { Count: > 0 };

    /// <summary>Required fields and types, checked on the canonical output (UTF-8 JSON, as the plan or the tree wrote it).</summary>
    public static List<MappingError>? Fields(MappingContext context, ReadOnlyMemory<byte> canonical)
    {
        if (!HasFieldRules(context)) return null;
        List<MappingError>? errors = null;
        using var document = JsonDocument.Parse(canonical);
        var root = document.RootElement;
        foreach (var field in context.Metadata!.RequiredFields ?? [])
        {
            var path = PathOf(field);
            var matches = path.Get(root);
            if (matches.Count == 0 && path.Wildcards > 0) (errors ??= []).Add(new MappingError(field, $"{context.ProviderName} requires at least one element here."));
            foreach (var m in matches)
                if (m.Value is not { } value || value.ValueKind == JsonValueKind.String && value.ValueEquals(""u8))
                    (errors ??= []).Add(new MappingError(MappingEngine.Describe(path, m.Indices), $"{context.ProviderName} requires this field."));
        }
        foreach (var (field, type) in context.Metadata.FieldTypes ?? new Dictionary<string, string>())
        {
            var path = PathOf(field);
            foreach (var m in path.Get(root))
                if (m.Value is { } value && !HasType(value, type))
                    (errors ??= []).Add(new MappingError(MappingEngine.Describe(path, m.Indices), $"{context.ProviderName} expects a {type} here, got {Kind(value)} {Short(value)}."));
        }
        return errors;
    }

    /// <summary>The currency check on the output's currency text: the error (or null) and, when the tenant mapped it, the provider's currency to write instead.</summary>
    public static MappingError? Currency(MappingContext context, string? currency, out string? mapped)
    {
        mapped = null;
        if (string.IsNullOrWhiteSpace(currency)) return new MappingError("currency", "Currency must be set (an ISO 4217 code).");
        if (context.Lookups is { Count: > 0 } lookups && lookups.TryGetValue(context.CurrencyTable, out var table) && table.Entries.TryGetValue(currency, out var to))
            mapped = currency = to;
        return context.Currencies is { Count: > 0 } accepted && !accepted.Contains(currency)
            ? new MappingError("currency", $"Currency '{currency}' is not enabled in {context.ProviderName} and has no currency mapping (lookup table '{context.CurrencyTable}').")
            : null;
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "date" => value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    private static string Short(JsonElement value)
    {
        // Re-serialized with the default encoder: the same text a node's ToJsonString gives.
        var text = JsonSerializer.Serialize(value);
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
