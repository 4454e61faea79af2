using System.Globalization;
using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Shared;

/// <summary>Canonical value forms: dates "yyyy-MM-dd", instants UTC ISO-8601, amounts decimal.</summary>
public static class CanonicalValues
{
    public static string? Date(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // A date-time names a calendar date as written (QBO and Xero date fields carry no meaningful time zone).
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime)
            ? dateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Value(string? text) => text is null ? null : JsonValue.Create(text);

    public static JsonNode? Value(decimal? number) => number is null ? null : JsonValue.Create(number.Value);

    public static JsonNode? Value(bool? flag) => flag is null ? null : JsonValue.Create(flag.Value);

    public static string? Str(JsonNode? node) => node is JsonValue v ? JsonRead.Text(v) : null;

    public static decimal? Dec(JsonNode? node) => node is JsonValue v ? JsonRead.Decimal(v) : null;

    public static string Upper(string? text) => (text ?? "").ToUpperInvariant();

    public static string? Lower(string? text) => text?.ToLowerInvariant();
}
