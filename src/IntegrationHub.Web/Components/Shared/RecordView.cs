using System.Text.Json;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>One changed field of a version: how it changed and the old and new values as text ("—" when absent).</summary>
public sealed record DiffRow(string Path, string Change, string Old, string New);

/// <summary>How the records browser words records and versions; pure so it is tested without a browser.</summary>
public static class RecordView
{
    /// <summary>Entities the browser offers, in the order a finance user thinks of them.</summary>
    public static readonly IReadOnlyList<string> Entities = ["Customer", "Invoice", "Payment", "Item", "Account", "CreditNote"];

    private static readonly string[] TitleFields = ["displayName", "name", "number", "invoiceNumber", "reference", "code", "email"];

    /// <summary>The record's best human name: its display name, name, number, reference, code or email, else its id.</summary>
    public static string Title(RecordItem record)
    {
        if (record.Data.ValueKind == JsonValueKind.Object)
            foreach (var field in TitleFields)
                if (record.Data.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } text)
                    return text;
        return record.ExternalId;
    }

    /// <summary>"CreditNote" → "Credit note".</summary>
    public static string EntityLabel(string entity) =>
        string.Concat(entity.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    public static string Side(string side) => side == "host" ? "Host app" : "External";

    public static string Kind(string kind) => kind.Length == 0 ? "Unknown" : char.ToUpperInvariant(kind[0]) + kind[1..];

    /// <summary>"HostEvent" → "Host event", "ConflictResolution" → "Conflict resolution", "Api" → "API".</summary>
    public static string Origin(string origin) => origin switch
    {
        "Api" => "API",
        "" => "Unknown",
        _ => EntityLabel(origin),
    };

    /// <summary>The diff array [{path, old, new}] as rows: added (no old value), removed (no new value) or changed.</summary>
    public static IReadOnlyList<DiffRow> Diff(JsonElement diff)
    {
        if (diff.ValueKind != JsonValueKind.Array) return [];
        var rows = new List<DiffRow>();
        foreach (var change in diff.EnumerateArray())
        {
            if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("path", out var path)) continue;
            var old = change.TryGetProperty("old", out var o) ? o : default;
            var @new = change.TryGetProperty("new", out var n) ? n : default;
            var kind = IsAbsent(old) ? "added" : IsAbsent(@new) ? "removed" : "changed";
            rows.Add(new DiffRow(path.GetString() ?? "", kind, Value(old), Value(@new)));
        }
        return rows;
    }

    /// <summary>A JSON value as a person reads it: strings without quotes, absent or null as "—", objects and arrays as compact JSON.</summary>
    public static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => "—",
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : "(empty)",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    /// <summary>Indented JSON for a snapshot or a preview result.</summary>
    public static string Pretty(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined ? "—" : JsonSerializer.Serialize(value, IndentedJson);

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static bool IsAbsent(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    /// <summary>Short hash for tables: the first 10 characters.</summary>
    public static string ShortHash(string? hash) => hash is null ? "—" : hash.Length <= 10 ? hash : hash[..10] + "…";
}
