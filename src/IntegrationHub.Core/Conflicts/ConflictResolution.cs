using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Conflicts;

public enum ResolutionChoice { Host, External, Merged }

/// <summary>
/// A person's decision on a conflict: one side whole, or a merge. A merge starts from both sides' non-conflicting
/// changes combined and takes each conflicting path from <see cref="Fields"/> (a side per path) or
/// <see cref="Values"/> (a value per path, typed in by the person); every conflicting path needs one of them.
/// </summary>
public sealed record ResolutionRequest(ResolutionChoice Choose, IReadOnlyDictionary<string, ConflictSide>? Fields = null, IReadOnlyDictionary<string, JsonNode?>? Values = null);

/// <summary>The record both sides should hold after the resolution, and whether the external system must be changed to get there.</summary>
public sealed record ResolutionResult(ConflictOutcome Outcome, JsonObject Record, string Reason, bool ExternalMustChange, bool HostMustChange);

/// <summary>Thrown for a resolution that does not fit the conflict (a missing or unknown path); the message says which.</summary>
public sealed class InvalidResolutionException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Pure: the same conflict and request always give the same record.</summary>
public static class ConflictResolution
{
    public static ResolutionResult Decide(Conflict conflict, ResolutionRequest request)
    {
        var host = ToObject(conflict.Host);
        var external = ToObject(conflict.External);
        var (outcome, record, reason) = request.Choose switch
        {
            ResolutionChoice.Host => (ConflictOutcome.TakeHost, (JsonObject)host.DeepClone(), "Resolved by a person: the host app's version."),
            ResolutionChoice.External => (ConflictOutcome.TakeExternal, (JsonObject)external.DeepClone(), "Resolved by a person: the external system's version."),
            _ => Merge(conflict, host, external, request),
        };
        var hash = CanonicalJson.Hash(record);
        return new ResolutionResult(outcome, record, reason, hash != CanonicalJson.Hash(external), hash != CanonicalJson.Hash(host));
    }

    private static (ConflictOutcome, JsonObject, string) Merge(Conflict conflict, JsonObject host, JsonObject external, ResolutionRequest request)
    {
        var fields = request.Fields ?? new Dictionary<string, ConflictSide>();
        var values = request.Values ?? new Dictionary<string, JsonNode?>();
        var paths = conflict.ConflictingPaths.ToHashSet(StringComparer.Ordinal);
        if (fields.Keys.Concat(values.Keys).FirstOrDefault(p => !paths.Contains(p)) is { } unknown)
            throw new InvalidResolutionException(fields.ContainsKey(unknown) ? "fields" : "values",
                $"'{unknown}' is not a conflicting path of this conflict. Conflicting paths: {string.Join(", ", conflict.ConflictingPaths)}.");
        if (fields.Keys.FirstOrDefault(values.ContainsKey) is { } both)
            throw new InvalidResolutionException("values", $"'{both}' has both a side and a value; give one.");
        if (conflict.ConflictingPaths.FirstOrDefault(p => !fields.ContainsKey(p) && !values.ContainsKey(p)) is { } missing)
            throw new InvalidResolutionException("fields", $"'{missing}' needs a choice: give it in 'fields' (host or external) or in 'values'.");

        // Non-conflicting changes of both sides combine (the resolver's field merge); conflicting paths are then set as chosen.
        var baseline = ConflictResolver.Resolve(
            new ConflictInput(conflict.Base is null ? null : ToObject(conflict.Base), host, conflict.HostChangedAt, external, conflict.ExternalChangedAt),
            new ConflictSettings(ConflictPolicy.FieldMerge, ConflictPolicy.HostWins)).Result ?? (JsonObject)host.DeepClone();
        var choices = new List<string>();
        foreach (var path in conflict.ConflictingPaths)
        {
            if (fields.TryGetValue(path, out var side))
            {
                JsonPaths.Set(baseline, path, JsonPaths.Get(side == ConflictSide.Host ? host : external, path)?.DeepClone());
                choices.Add($"'{path}' from {(side == ConflictSide.Host ? "host" : "external")}");
            }
            else
            {
                JsonPaths.Set(baseline, path, values[path]?.DeepClone());
                choices.Add($"'{path}' entered");
            }
        }
        var reason = "Resolved by a person: merged" + (choices.Count > 0 ? " (" + string.Join(", ", choices) + ")." : ".");
        return (ConflictOutcome.Merged, baseline, reason);
    }

    private static JsonObject ToObject(JsonDocument document) =>
        JsonNode.Parse(document.RootElement.GetRawText()) as JsonObject ?? new JsonObject();
}
