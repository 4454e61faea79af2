using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Records;

/// <summary>
/// The one form a record is hashed and compared in: object keys sorted (ordinal), numbers as normalised decimals
/// (1.50 and 1.5 are the same amount), date-times as UTC ISO-8601, nulls and volatile fields (timestamps the provider
/// bumps on every read, sync tokens, etags) left out. Two records with the same business content get the same hash
/// whichever side or serializer produced them.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Fields that change without the business content changing; they never count as a change.</summary>
    public static readonly IReadOnlySet<string> DefaultVolatileFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "updatedAt", "lastUpdatedTime", "syncToken", "etag", "version", "remoteUpdatedAt", "metaData",
    };

    public static JsonNode? Normalize(JsonNode? node, IReadOnlySet<string>? volatileFields = null)
    {
        volatileFields ??= DefaultVolatileFields;
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (volatileFields.Contains(key)) continue;
                    var normalized = Normalize(value, volatileFields);
                    if (normalized is null) continue;
                    sorted[key] = normalized;
                }
                return sorted;
            case JsonArray array:
                return new JsonArray(array.Select(item => Normalize(item, volatileFields) ?? JsonValue.Create((string?)null)).ToArray<JsonNode?>());
            case JsonValue value:
                return NormalizeValue(value);
            default:
                return node.DeepClone();
        }
    }

    private static JsonNode? NormalizeValue(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Number:
                if (value.TryGetValue<decimal>(out var number)
                    || decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                    return JsonValue.Create(NormalizeDecimal(number));
                return value.DeepClone(); // beyond decimal's range: kept as written
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                // Only full date-times with an offset are rewritten; plain dates ("2026-01-31") are already canonical.
                if (text.Length >= 20 && text[4] == '-' && text[10] == 'T'
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
                    return JsonValue.Create(dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                return JsonValue.Create(text);
            default:
                return value.DeepClone();
        }
    }

    /// <summary>Trailing zeros removed (decimal keeps scale: 1.50m and 1.5m are equal but print differently).</summary>
    public static decimal NormalizeDecimal(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>The canonical text: <see cref="Normalize"/> serialized compactly (written directly by <see cref="CanonicalJsonWriter"/>).</summary>
    public static string Serialize(JsonNode? node, IReadOnlySet<string>? volatileFields = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        CanonicalJsonWriter.Write(buffer, node, volatileFields ?? DefaultVolatileFields);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Lower-case hex SHA-256 of the canonical serialization.</summary>
    public static string Hash(JsonNode? node, IReadOnlySet<string>? volatileFields = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        CanonicalJsonWriter.Write(buffer, node, volatileFields ?? DefaultVolatileFields);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }
}
