using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Records;

/// <summary>
/// Writes the canonical form of a node straight to UTF-8, byte for byte what
/// <c>CanonicalJson.Normalize(node).ToJsonString(…)</c> produces, without building the normalised copy of the tree
/// first: hashing is on the path of every pulled record, and the copy was most of its cost.
/// </summary>
internal static class CanonicalJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(IBufferWriter<byte> output, JsonNode? node, IReadOnlySet<string> volatileFields)
    {
        using var writer = new Utf8JsonWriter(output, Options);
        if (IsAbsent(node)) writer.WriteNullValue();
        else WriteNode(writer, node!, volatileFields);
        writer.Flush();
    }

    /// <summary>What Normalize drops from an object: a missing value or a JSON null.</summary>
    private static bool IsAbsent(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    private static void WriteNode(Utf8JsonWriter writer, JsonNode node, IReadOnlySet<string> volatileFields)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                var keys = new string[obj.Count];
                var i = 0;
                foreach (var (key, _) in obj) keys[i++] = key;
                Array.Sort(keys, StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    var value = obj[key];
                    if (volatileFields.Contains(key) || IsAbsent(value)) continue;
                    writer.WritePropertyName(key);
                    WriteNode(writer, value!, volatileFields);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    if (IsAbsent(item)) writer.WriteNullValue();
                    else WriteNode(writer, item!, volatileFields);
                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                if (value.TryGetValue<decimal>(out var number)
                    || decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
                    writer.WriteNumberValue(CanonicalJson.NormalizeDecimal(number));
                else
                    value.WriteTo(writer);
                break;
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length >= 20 && text[4] == '-' && text[10] == 'T'
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
                    text = dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
                writer.WriteStringValue(text);
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
