using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Records;

/// <summary>Dotted paths with array indexes ("lines[2].amount") into JSON records, as <see cref="RecordDiff"/> writes them.</summary>
public static class JsonPaths
{
    public static JsonNode? Get(JsonNode? root, string path)
    {
        var node = root;
        foreach (var segment in Parse(path))
        {
            node = segment switch
            {
                int index when node is JsonArray a => index < a.Count ? a[index] : null,
                string key when node is JsonObject o => o[key],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    /// <summary>Sets (or, with null, removes) the value at the path, creating objects and arrays on the way.</summary>
    public static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segments = Parse(path);
        JsonNode current = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var last = i == segments.Count - 1;
            var next = last ? null : segments[i + 1];
            switch (segments[i], current)
            {
                case (string key, JsonObject o):
                    if (last) { if (value is null) o.Remove(key); else o[key] = value; return; }
                    current = o[key] ??= next is int ? new JsonArray() : new JsonObject();
                    break;
                case (int index, JsonArray a):
                    while (a.Count <= index) a.Add(null);
                    if (last) { a[index] = value; TrimTrailingNulls(a); return; }
                    current = a[index] ??= next is int ? new JsonArray() : new JsonObject();
                    break;
                default:
                    throw new ArgumentException($"Path '{path}' does not fit the record's shape at segment {i + 1}.", nameof(path));
            }
        }
    }

    private static void TrimTrailingNulls(JsonArray a)
    {
        while (a.Count > 0 && a[^1] is null) a.RemoveAt(a.Count - 1);
    }

    /// <summary>"a.b[2].c" → ["a", "b", 2, "c"]; also accepts a leading "$." (JSONPath style).</summary>
    public static IReadOnlyList<object> Parse(string path)
    {
        var segments = new List<object>();
        var text = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
        foreach (var part in text.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[');
            if (bracket < 0) { segments.Add(part); continue; }
            if (bracket > 0) segments.Add(part[..bracket]);
            foreach (var index in part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!int.TryParse(index.TrimEnd(']'), out var i) || i < 0)
                    throw new ArgumentException($"Path '{path}' has an invalid index '[{index}'.", nameof(path));
                segments.Add(i);
            }
        }
        return segments;
    }
}
