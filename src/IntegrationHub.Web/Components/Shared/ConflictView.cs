using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>One field of a conflict, side by side: <see cref="Conflicting"/> paths need a decision, <see cref="Differs"/> ones are highlighted.</summary>
public sealed record ConflictField(string Path, string Base, string Host, string External, bool Differs, bool Conflicting);

public static class ConflictView
{
    /// <summary>
    /// The conflicting paths first (in the Api's order), then every other top-level field of either side, alphabetically;
    /// a field missing on a side reads "(none)".
    /// </summary>
    public static IReadOnlyList<ConflictField> Fields(ConflictDetail detail)
    {
        var baseline = Node(detail.Base);
        var host = Node(detail.Host);
        var external = Node(detail.External);
        var others = Keys(host).Union(Keys(external)).Except(detail.Conflict.ConflictingPaths).Order(StringComparer.Ordinal);
        return detail.Conflict.ConflictingPaths.Select(p => Field(p, true)).Concat(others.Select(p => Field(p, false))).ToList();

        ConflictField Field(string path, bool conflicting)
        {
            var h = JsonPaths.Get(host, path);
            var e = JsonPaths.Get(external, path);
            return new ConflictField(path, Text(JsonPaths.Get(baseline, path)), Text(h), Text(e), !JsonNode.DeepEquals(h, e), conflicting);
        }
    }

    /// <summary>True when neither side holds anything but text (or nothing) at <paramref name="path"/>: an edited value is then taken as typed.</summary>
    public static bool IsTextField(ConflictDetail detail, string path) =>
        new[] { JsonPaths.Get(Node(detail.Host), path), JsonPaths.Get(Node(detail.External), path) }
            .All(n => n is null || (n is JsonValue v && v.GetValueKind() == JsonValueKind.String));

    /// <summary>
    /// A merged value a person typed: text fields keep the text as is; other fields take JSON (<c>42</c>, <c>true</c>,
    /// <c>{"city":"Oslo"}</c>), and empty means null. The error says what to type instead.
    /// </summary>
    public static (JsonNode? Value, string? Error) EditedValue(string? text, bool asText)
    {
        if (asText) return (JsonValue.Create(text ?? ""), null);
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException)
        {
            return (null, "Type a JSON value here: a number, true or false, a \"quoted text\", an object or a list.");
        }
    }

    private static JsonNode? Node(JsonElement? element) => element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e ? JsonNode.Parse(e.GetRawText()) : null;

    private static IEnumerable<string> Keys(JsonNode? node) => node is JsonObject o ? o.Select(p => p.Key) : [];

    public static string Text(JsonNode? node) => node switch
    {
        null => "(none)",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
