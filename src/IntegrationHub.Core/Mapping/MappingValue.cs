using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// What a transform produces for one field, without allocating a JSON node: a string, a number, a date with the
/// format to print it in, or a node it passes through (the source's own value, a constant, a default). The write plan
/// writes it straight into a <see cref="Utf8JsonWriter"/>; the tree path (fallback rules, the public sandbox API)
/// turns it into a node. Absent means "no value" (the rule then writes its default, or nothing).
/// </summary>
internal readonly struct MappingValue
{
    private enum Kind : byte { Absent, String, Number, Date, Node }

    private readonly Kind _kind;
    private readonly string? _text;   // String: the value; Date: the format
    private readonly decimal _number;
    private readonly DateTime _date;
    private readonly JsonNode? _node;

    private MappingValue(Kind kind, string? text = null, decimal number = 0, DateTime date = default, JsonNode? node = null)
    {
        _kind = kind;
        _text = text;
        _number = number;
        _date = date;
        _node = node;
    }

    public static readonly MappingValue Absent = default;
    public static MappingValue String(string? text) => text is null ? Absent : new(Kind.String, text);
    public static MappingValue Number(decimal number) => new(Kind.Number, number: number);
    public static MappingValue Date(DateTime date, string format) => new(Kind.Date, format, date: date);

    /// <summary>A node written as it is (never copied until a tree needs it); JSON null counts as absent.</summary>
    public static MappingValue Node(JsonNode? node) =>
        node is null || node is JsonValue v && v.GetValueKind() == JsonValueKind.Null ? Absent : new(Kind.Node, node: node);

    public bool IsAbsent => _kind == Kind.Absent;

    public void WriteTo(Utf8JsonWriter writer)
    {
        switch (_kind)
        {
            case Kind.String: writer.WriteStringValue(_text); break;
            case Kind.Number: writer.WriteNumberValue(_number); break;
            case Kind.Date:
                // Formatted into a stack buffer: no string per date field.
                Span<char> buffer = stackalloc char[64];
                if (_date.TryFormat(buffer, out var written, _text, CultureInfo.InvariantCulture)) writer.WriteStringValue(buffer[..written]);
                else writer.WriteStringValue(_date.ToString(_text, CultureInfo.InvariantCulture));
                break;
            case Kind.Node: _node!.WriteTo(writer); break;
            default: writer.WriteNullValue(); break;
        }
    }

    /// <summary>The value as a new node (a copy for pass-through nodes, so trees never share a node).</summary>
    public JsonNode? ToNode() => _kind switch
    {
        Kind.String => JsonValue.Create(_text),
        Kind.Number => JsonValue.Create(_number),
        Kind.Date => JsonValue.Create(_date.ToString(_text, CultureInfo.InvariantCulture)),
        Kind.Node => _node!.DeepClone(),
        _ => null,
    };

    /// <summary>The value as text, as <see cref="CompiledTransform.Text"/> reads a node (for currency checks).</summary>
    public string? Text() => _kind switch
    {
        Kind.String => _text,
        Kind.Number => CanonicalJson.NormalizeDecimal(_number).ToString(CultureInfo.InvariantCulture),
        Kind.Date => _date.ToString(_text, CultureInfo.InvariantCulture),
        Kind.Node => CompiledTransform.Text(_node),
        _ => null,
    };
}
