using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Records;

/// <summary>One changed leaf: its path ("lines[2].amount", "billingAddress.city"), the old and the new value (null when absent).</summary>
public sealed record FieldChange(string Path, JsonNode? Old, JsonNode? New);

/// <summary>Field-level difference of two canonical records, leaf by leaf, in path order.</summary>
public static class RecordDiff
{
    public static IReadOnlyList<FieldChange> Compute(JsonNode? before, JsonNode? after)
    {
        var changes = new List<FieldChange>();
        var a = CanonicalJson.Normalize(after, EmptySet);
        if (before is null && a is JsonObject created)
        {
            // The same as walking from an empty object (keys are already sorted, values are never null), but the
            // normalised copy is ours, so its values are detached and kept rather than cloned.
            var fields = created.ToList();
            created.Clear();
            foreach (var (key, value) in fields) changes.Add(new FieldChange(key, null, value));
            return changes;
        }
        var b = CanonicalJson.Normalize(before, EmptySet);
        // A created record lists its top-level fields (not one change at path ""), so its first version reads like the others.
        if (b is null && a is JsonObject) b = new JsonObject();
        Walk("", b, a, changes);
        return changes;
    }

    /// <summary>
    /// The paths of a created record's diff without building it: its top-level fields that have a value, in ordinal
    /// order — what <c>Compute(null, after)</c> lists (it does not leave out volatile fields).
    /// </summary>
    public static string[] CreatedPaths(JsonObject after)
    {
        var paths = new List<string>(after.Count);
        foreach (var (key, value) in after)
            if (value is not null && !(value is JsonValue v && v.GetValueKind() == JsonValueKind.Null)) paths.Add(key);
        var sorted = paths.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>The diff as stored in a version: <c>[{"path","old","new"}]</c>, what JsonSerializer writes for the list with the web defaults.</summary>
    public static string ToJson(IReadOnlyList<FieldChange> diff)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + 64 * diff.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var change in diff)
            {
                writer.WriteStartObject();
                writer.WriteString("path", change.Path);
                writer.WritePropertyName("old");
                WriteNode(writer, change.Old);
                writer.WritePropertyName("new");
                WriteNode(writer, change.New);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null) writer.WriteNullValue();
        else node.WriteTo(writer);
    }

    /// <summary>The paths that differ, for conflict detection and highlighting.</summary>
    public static IReadOnlySet<string> ChangedPaths(JsonNode? before, JsonNode? after) =>
        Compute(before, after).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<FieldChange> changes)
    {
        if (before is JsonObject bo && after is JsonObject ao)
        {
            foreach (var key in bo.Select(p => p.Key).Union(ao.Select(p => p.Key)).Order(StringComparer.Ordinal))
                Walk(path.Length == 0 ? key : $"{path}.{key}", bo[key], ao[key], changes);
            return;
        }
        if (before is JsonArray ba && after is JsonArray aa)
        {
            for (var i = 0; i < Math.Max(ba.Count, aa.Count); i++)
                Walk($"{path}[{i}]", i < ba.Count ? ba[i] : null, i < aa.Count ? aa[i] : null, changes);
            return;
        }
        if (!JsonNode.DeepEquals(before, after))
            changes.Add(new FieldChange(path, before?.DeepClone(), after?.DeepClone()));
    }
}
