using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// A parsed field path: dotted names, array indexes ("lines[2]"), "[]" (or "[*]") for every element, and a simple
/// JSONPath filter "[?(@.Name=='Region')]" that selects (or, when writing, creates) the element whose field has that
/// value. A leading "$." is accepted; "$raw." marks a path into the provider's raw payload instead of the canonical record.
/// </summary>
public sealed partial class MappingPath
{
    public abstract record Segment;
    public sealed record Property(string Name) : Segment;
    public sealed record Index(int Value) : Segment;
    public sealed record Every : Segment;
    public sealed record Filter(string Field, string Value) : Segment;

    public const string RawPrefix = "$raw.";

    public string Text { get; }
    public bool Raw { get; }
    public IReadOnlyList<Segment> Segments => _segments;
    public int Wildcards { get; }
    // Parsed once; the hot paths (GetSingle, Collect, Set) index this array: no enumerator, no LINQ per field.
    private readonly Segment[] _segments;

    private MappingPath(string text, bool raw, List<Segment> segments)
    {
        Text = text;
        Raw = raw;
        _segments = [.. segments];
        Wildcards = segments.Count(s => s is Every);
        FirstWildcard = segments.FindIndex(s => s is Every);
    }

    /// <summary>The position of the first "[]" segment (-1 without one).</summary>
    internal int FirstWildcard { get; }
    internal int Length => _segments.Length;

    /// <summary>Follows segments [from, to) without "[]" from <paramref name="node"/>; null when a step finds nothing.</summary>
    internal JsonNode? Walk(JsonNode? node, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            node = Step(node, _segments[i]);
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Parses a path; throws <see cref="FormatException"/> saying what is wrong and where.</summary>
    public static MappingPath Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("The path is empty.");
        var raw = text.StartsWith(RawPrefix, StringComparison.Ordinal);
        var body = raw ? text[RawPrefix.Length..] : text.StartsWith("$.", StringComparison.Ordinal) ? text[2..] : text;
        var segments = new List<Segment>();
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '.')
            {
                if (i == 0 || i == body.Length - 1 || body[i + 1] == '.') throw Error(text, "has an empty name");
                i++;
                continue;
            }
            if (c == '[')
            {
                if (segments.Count == 0) throw Error(text, "starts with an index; name the array first");
                var close = FindClose(body, i);
                if (close < 0) throw Error(text, "has an unclosed '['");
                segments.Add(ParseBracket(text, body[(i + 1)..close]));
                i = close + 1;
                if (i < body.Length && body[i] != '.' && body[i] != '[') throw Error(text, $"needs '.' after ']' at position {i + 1}");
                continue;
            }
            var start = i;
            while (i < body.Length && body[i] != '.' && body[i] != '[') i++;
            var name = body[start..i];
            if (name.IndexOfAny([']', '\'', '"', ' ', '(', ')']) >= 0) throw Error(text, $"has an invalid name '{name}'");
            segments.Add(new Property(name));
        }
        if (segments.Count == 0 || segments[^1] is not (Property or Index)) throw Error(text, "must end with a field name");
        return new MappingPath(text, raw, segments);
    }

    private static int FindClose(string body, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < body.Length; i++)
        {
            var c = body[i];
            if (quote is not null) { if (c == quote) quote = null; }
            else if (c is '\'' or '"') quote = c;
            else if (c == ']') return i;
        }
        return -1;
    }

    private static Segment ParseBracket(string text, string inner)
    {
        if (inner.Length == 0 || inner == "*") return new Every();
        if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)) return new Index(index);
        // [?(@.Field=='value')] — the one filter form supported: equality of a direct field with a quoted string.
        if (inner.StartsWith("?(@.", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var expression = inner[4..^1];
            var eq = expression.IndexOf("==", StringComparison.Ordinal);
            if (eq > 0)
            {
                var field = expression[..eq].Trim();
                var literal = expression[(eq + 2)..].Trim();
                if (field.Length > 0 && literal.Length >= 2 && literal[0] is '\'' or '"' && literal[^1] == literal[0] && field.All(ch => char.IsLetterOrDigit(ch) || ch == '_'))
                    return new Filter(field, literal[1..^1]);
            }
        }
        throw Error(text, $"has an unsupported index '[{inner}]' (use a number, [], or [?(@.Field=='value')])");
    }

    private static FormatException Error(string text, string what) => new($"Path '{text}' {what}.");

    /// <summary>One value found at the path, with the element index chosen for each "[]" on the way.</summary>
    public readonly record struct Match(int[] Indices, JsonNode? Value);

    /// <summary>
    /// Every value at the path. Without "[]" there is exactly one match (its value null when absent). With "[]" there is
    /// one match per element (value null where the element lacks the field); <paramref name="emptyArray"/> tells that the
    /// first "[]" array exists but has no elements, so a mapping can keep it as an empty array.
    /// </summary>
    public List<Match> Get(JsonNode? root, out bool emptyArray)
    {
        emptyArray = false;
        var matches = new List<Match>(Wildcards == 0 ? 1 : 4);
        if (Wildcards == 0) { matches.Add(new Match([], GetSingle(root))); return matches; }
        Collect(root, 0, new int[Wildcards], 0, matches, ref emptyArray);
        return matches;
    }

    /// <summary>The value at a path without "[]" (null when absent).</summary>
    public JsonNode? GetSingle(JsonNode? node)
    {
        var segments = _segments;
        for (var i = 0; i < segments.Length; i++)
        {
            node = Step(node, segments[i]);
            if (node is null) return null;
        }
        return node;
    }

    private static JsonNode? Step(JsonNode? node, Segment segment) => segment switch
    {
        Property p when node is JsonObject o => o.TryGetPropertyValue(p.Name, out var v) ? v : null,
        Index i when node is JsonArray a => i.Value < a.Count ? a[i.Value] : null,
        Filter f when node is JsonArray a => FindFiltered(a, f),
        _ => null,
    };

    private static JsonNode? FindFiltered(JsonArray array, Filter f)
    {
        for (var i = 0; i < array.Count; i++)
            if (Matches(array[i], f)) return array[i];
        return null;
    }

    private static bool Matches(JsonNode? element, Filter f) =>
        element is JsonObject o && o.TryGetPropertyValue(f.Field, out var v) && v is JsonValue jv
        && jv.TryGetValue<string>(out var s) && string.Equals(s, f.Value, StringComparison.Ordinal);

    private void Collect(JsonNode? node, int from, int[] indices, int wildcard, List<Match> matches, ref bool emptyArray)
    {
        for (var s = from; s < _segments.Length; s++)
        {
            if (_segments[s] is Every)
            {
                if (node is not JsonArray array) return;
                if (array.Count == 0 && wildcard == 0) emptyArray = true;
                for (var i = 0; i < array.Count; i++)
                {
                    var copy = (int[])indices.Clone();
                    copy[wildcard] = i;
                    Collect(array[i], s + 1, copy, wildcard + 1, matches, ref emptyArray);
                }
                return;
            }
            node = Step(node, _segments[s]);
            if (node is null) { matches.Add(new Match(indices, null)); return; }
        }
        matches.Add(new Match(indices, node));
    }

    /// <summary>Writes the value at the path, creating objects and arrays on the way; "[]" takes the match's indices in order.</summary>
    public void Set(JsonObject root, int[] indices, JsonNode? value)
    {
        JsonNode current = root;
        var wildcard = 0;
        for (var s = 0; s < _segments.Length; s++)
        {
            var last = s == _segments.Length - 1;
            var next = last ? null : _segments[s + 1];
            switch (_segments[s])
            {
                case Property p when current is JsonObject o:
                    if (last) { o[p.Name] = value; return; }
                    if (!o.TryGetPropertyValue(p.Name, out var child) || child is null || !Fits(child, next!))
                        o[p.Name] = child = Container(next!);
                    current = child;
                    break;
                case Index last1 when last && current is JsonArray a1:
                    while (a1.Count <= last1.Value) a1.Add(null);
                    a1[last1.Value] = value;
                    return;
                case Index or Every when current is JsonArray a:
                    var index = _segments[s] is Index i ? i.Value : indices[wildcard++];
                    while (a.Count <= index) a.Add(Container(next!));
                    if (a[index] is null || !Fits(a[index]!, next!)) a[index] = Container(next!);
                    current = a[index]!;
                    break;
                case Filter f when current is JsonArray a:
                    var element = FindFiltered(a, f);
                    if (element is null) a.Add(element = new JsonObject { [f.Field] = f.Value });
                    current = element;
                    break;
                default:
                    throw new InvalidOperationException($"Path '{Text}' does not fit the record's shape at segment {s + 1}.");
            }
        }
    }

    /// <summary>Makes sure the array at the first "[]" exists (empty), so an empty list maps to an empty list.</summary>
    public void EnsureEmptyArray(JsonObject root)
    {
        var firstWildcard = Segments.ToList().FindIndex(s => s is Every);
        var prefix = new MappingPath(Text, Raw, Segments.Take(firstWildcard).ToList());
        if (prefix.GetSingle(root) is null) prefix.Set(root, [], new JsonArray());
    }

    private static bool Fits(JsonNode node, Segment next) => next is Property ? node is JsonObject : node is JsonArray;

    private static JsonNode Container(Segment next) => next is Property ? new JsonObject() : new JsonArray();

    public override string ToString()
    {
        var sb = new StringBuilder(Raw ? RawPrefix : "");
        foreach (var s in Segments)
        {
            switch (s)
            {
                case Property p: if (sb.Length > 0 && sb[^1] != '.') sb.Append('.'); sb.Append(p.Name); break;
                case Index i: sb.Append('[').Append(i.Value).Append(']'); break;
                case Every: sb.Append("[]"); break;
                case Filter f: sb.Append("[?(@.").Append(f.Field).Append("=='").Append(f.Value).Append("')]"); break;
            }
        }
        return sb.ToString();
    }
}
