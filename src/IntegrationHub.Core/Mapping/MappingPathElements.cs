using System.Text.Json;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// The same path walk over a <see cref="JsonElement"/>: the pre-push checks read the mapped output as the JSON the
/// plan wrote, without building nodes. JSON null counts as absent, as it does in a node tree.
/// </summary>
public sealed partial class MappingPath
{
    internal readonly record struct ElementMatch(int[] Indices, JsonElement? Value);

    /// <summary>Every value at the path, exactly as <see cref="Get"/> finds them in a node tree.</summary>
    internal List<ElementMatch> Get(JsonElement root)
    {
        var matches = new List<ElementMatch>(Wildcards == 0 ? 1 : 4);
        Collect(root, 0, new int[Wildcards], 0, matches);
        return matches;
    }

    private void Collect(JsonElement? node, int from, int[] indices, int wildcard, List<ElementMatch> matches)
    {
        for (var s = from; s < _segments.Length; s++)
        {
            if (_segments[s] is Every)
            {
                if (node is not { ValueKind: JsonValueKind.Array } array) return;
                var i = 0;
                foreach (var element in array.EnumerateArray())
                {
                    var copy = (int[])indices.Clone();
                    copy[wildcard] = i++;
                    Collect(Present(element), s + 1, copy, wildcard + 1, matches);
                }
                return;
            }
            node = Step(node, _segments[s]);
            if (node is null) { matches.Add(new ElementMatch(indices, null)); return; }
        }
        matches.Add(new ElementMatch(indices, node));
    }

    private static JsonElement? Present(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element;

    private static JsonElement? Step(JsonElement? node, Segment segment)
    {
        if (node is not { } e) return null;
        switch (segment)
        {
            case Property p when e.ValueKind == JsonValueKind.Object:
                return e.TryGetProperty(p.Name, out var v) ? Present(v) : null;
            case Index i when e.ValueKind == JsonValueKind.Array:
                return i.Value < e.GetArrayLength() ? Present(e[i.Value]) : null;
            case Filter f when e.ValueKind == JsonValueKind.Array:
                foreach (var element in e.EnumerateArray())
                    if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(f.Field, out var field)
                        && field.ValueKind == JsonValueKind.String && field.ValueEquals(f.Value)) return element;
                return null;
            default:
                return null;
        }
    }
}
