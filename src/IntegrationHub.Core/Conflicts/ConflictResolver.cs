using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Conflicts;

/// <summary>Both sides of a record changed since <see cref="Base"/> (the last state both agreed on).</summary>
public sealed record ConflictInput(
    JsonObject? Base,
    JsonObject Host,
    DateTimeOffset HostChangedAt,
    JsonObject External,
    DateTimeOffset ExternalChangedAt);

/// <summary>The configured policy for an entity, with optional per-field overrides (keyed by top-level field or path prefix).</summary>
public sealed record ConflictSettings(
    ConflictPolicy Policy,
    ConflictPolicy MergeFallback = ConflictPolicy.LastWriteWins,
    IReadOnlyDictionary<string, ConflictPolicy>? FieldPolicies = null);

/// <summary>The decision and why. <see cref="Result"/> is the record both sides should hold (null for Manual).</summary>
public sealed record ConflictDecision(ConflictOutcome Outcome, JsonObject? Result, string Reason, IReadOnlyList<string> ConflictingPaths);

/// <summary>Pure conflict resolution: the same input always gives the same decision, and every decision says why.</summary>
public static class ConflictResolver
{
    public static ConflictDecision Resolve(ConflictInput input, ConflictSettings settings)
    {
        var hostChanges = RecordDiff.ChangedPaths(input.Base, input.Host);
        var externalChanges = RecordDiff.ChangedPaths(input.Base, input.External);
        var overlapping = hostChanges.Intersect(externalChanges)
            .Where(p => !JsonNode.DeepEquals(Get(input.Host, p), Get(input.External, p)))
            .Order(StringComparer.Ordinal).ToList();

        // Per-field policies apply to a merge, so a field override implies merging the rest.
        var policy = settings.FieldPolicies is { Count: > 0 } && settings.Policy != ConflictPolicy.Manual ? ConflictPolicy.FieldMerge : settings.Policy;
        switch (policy)
        {
            case ConflictPolicy.Manual:
                return new(ConflictOutcome.Manual, null, "The entity's policy is manual review.", overlapping);
            case ConflictPolicy.HostWins:
                return new(ConflictOutcome.TakeHost, Clone(input.Host), "Source priority: the host app wins.", overlapping);
            case ConflictPolicy.ExternalWins:
                return new(ConflictOutcome.TakeExternal, Clone(input.External), "Source priority: the external system wins.", overlapping);
            case ConflictPolicy.LastWriteWins:
                var side = LaterSide(input);
                return new(side == ConflictSide.Host ? ConflictOutcome.TakeHost : ConflictOutcome.TakeExternal,
                    Clone(side == ConflictSide.Host ? input.Host : input.External), LwwReason(input, side), overlapping);
            default:
                return Merge(input, settings, hostChanges, externalChanges, overlapping);
        }
    }

    private static ConflictDecision Merge(ConflictInput input, ConflictSettings settings,
        IReadOnlySet<string> hostChanges, IReadOnlySet<string> externalChanges, IReadOnlyList<string> overlapping)
    {
        // Start from the external record (it carries provider fields the host does not have) and lay host-only changes over it.
        var merged = Clone(input.External);
        var reasons = new List<string>();
        foreach (var path in hostChanges.Except(externalChanges).Order(StringComparer.Ordinal)) Set(merged, path, Get(input.Host, path));
        foreach (var path in overlapping)
        {
            var fieldPolicy = FieldPolicy(settings, path);
            if (fieldPolicy == ConflictPolicy.Manual)
                return new(ConflictOutcome.Manual, null, $"Both sides changed '{path}' and its policy is manual review.", overlapping);
            var winner = fieldPolicy switch
            {
                ConflictPolicy.HostWins => ConflictSide.Host,
                ConflictPolicy.ExternalWins => ConflictSide.External,
                _ => LaterSide(input),
            };
            Set(merged, path, Get(winner == ConflictSide.Host ? input.Host : input.External, path));
            reasons.Add($"'{path}' from {(winner == ConflictSide.Host ? "host" : "external")}");
        }
        var reason = overlapping.Count == 0
            ? "Field merge: the sides changed different fields."
            : $"Field merge; both changed {string.Join(", ", reasons)}.";
        return new(ConflictOutcome.Merged, merged, reason, overlapping);
    }

    private static ConflictPolicy FieldPolicy(ConflictSettings settings, string path)
    {
        if (settings.FieldPolicies is null) return settings.MergeFallback;
        // The longest configured prefix wins: "lines" covers "lines[0].amount", "billingAddress.city" beats "billingAddress".
        var match = settings.FieldPolicies.Keys
            .Where(k => path == k || path.StartsWith(k + ".", StringComparison.Ordinal) || path.StartsWith(k + "[", StringComparison.Ordinal))
            .OrderByDescending(k => k.Length).FirstOrDefault();
        return match is null ? settings.MergeFallback : settings.FieldPolicies[match];
    }

    /// <summary>Later change wins; a tie goes to the external system so two hubs given the same input agree.</summary>
    private static ConflictSide LaterSide(ConflictInput input) =>
        input.HostChangedAt > input.ExternalChangedAt ? ConflictSide.Host : ConflictSide.External;

    private static string LwwReason(ConflictInput input, ConflictSide side) =>
        input.HostChangedAt == input.ExternalChangedAt
            ? $"Last write wins: both changed at {input.HostChangedAt:O}; the tie goes to the external system."
            : $"Last write wins: {(side == ConflictSide.Host ? "host" : "external")} changed later ({Max(input):O}).";

    private static DateTimeOffset Max(ConflictInput input) => input.HostChangedAt > input.ExternalChangedAt ? input.HostChangedAt : input.ExternalChangedAt;

    private static JsonObject Clone(JsonObject o) => (JsonObject)o.DeepClone();

    internal static JsonNode? Get(JsonNode? root, string path) => JsonPaths.Get(root, path);

    private static void Set(JsonObject root, string path, JsonNode? value) => JsonPaths.Set(root, path, value?.DeepClone());
}
