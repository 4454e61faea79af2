using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>A reference the link table cannot translate (the referenced record is not synced on this connection yet).</summary>
public sealed class UnresolvedReferenceException(string entity, string path, string referencedEntity, string id)
    : Exception($"{entity}.{path} refers to {referencedEntity} '{id}', which is not linked on this connection.")
{
    public string ReferencedEntity { get; } = referencedEntity;
    public string Id { get; } = id;
}

/// <summary>
/// Reference fields (<see cref="CanonicalEntities.References"/>) hold ids of the side a record is on: host ids on the
/// host side, provider ids on the external side. These pure functions find and rewrite them when a record crosses sides.
/// </summary>
public static class ReferenceMap
{
    /// <summary>Every (referenced entity, id) in a record, in path order, without duplicates.</summary>
    public static IReadOnlyList<(string Entity, string Id)> Collect(string entity, JsonObject data)
    {
        var found = new List<(string, string)>();
        foreach (var reference in ReferencesOf(entity))
            foreach (var (_, value) in Values(data, reference.Path))
                if (!found.Contains((reference.Entity, value))) found.Add((reference.Entity, value));
        return found;
    }

    /// <summary>
    /// A copy of <paramref name="data"/> with every reference id replaced by <paramref name="lookup"/>(entity, id);
    /// a null answer throws <see cref="UnresolvedReferenceException"/>.
    /// </summary>
    public static JsonObject Translate(string entity, JsonObject data, Func<string, string, string?> lookup)
    {
        var copy = (JsonObject)data.DeepClone();
        foreach (var reference in ReferencesOf(entity))
            foreach (var (path, value) in Values(copy, reference.Path))
            {
                var translated = lookup(reference.Entity, value) ?? throw new UnresolvedReferenceException(entity, path, reference.Entity, value);
                JsonPaths.Set(copy, path, JsonValue.Create(translated));
            }
        return copy;
    }

    private static IReadOnlyList<CanonicalEntities.Reference> ReferencesOf(string entity) =>
        CanonicalEntities.References.TryGetValue(entity, out var references) ? references : [];

    /// <summary>Concrete paths and string values of a reference path: "customerId" or "lines[].itemId" (one array level).</summary>
    private static List<(string Path, string Value)> Values(JsonObject data, string referencePath)
    {
        var result = new List<(string, string)>();
        var split = referencePath.IndexOf("[].", StringComparison.Ordinal);
        if (split < 0)
        {
            if (Text(data[referencePath]) is { } single) result.Add((referencePath, single));
            return result;
        }
        var array = referencePath[..split];
        var field = referencePath[(split + 3)..];
        if (data[array] is not JsonArray items) return result;
        for (var i = 0; i < items.Count; i++)
            if (items[i] is JsonObject item && Text(item[field]) is { } value) result.Add(($"{array}[{i}].{field}", value));
        return result;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() is System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number
        ? (v.TryGetValue<string>(out var s) ? s : v.ToJsonString())
        : null;
}
