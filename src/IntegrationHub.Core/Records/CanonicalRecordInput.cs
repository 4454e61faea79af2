using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Records;

/// <summary>
/// The host app's canonical record as it arrives (host event data or the records API body): a JSON object with a
/// string "id" of at most 200 characters. The id becomes the record's ExternalId and is not part of its canonical data,
/// so host and external snapshots of the same record compare field by field.
/// </summary>
public static class CanonicalRecordInput
{
    public const int MaxIdLength = 200;

    /// <summary>The problem with the input, or null when it is a valid canonical record.</summary>
    public static string? Validate(JsonNode? input) => input switch
    {
        not JsonObject => "must be a JSON object.",
        JsonObject o when !o.TryGetPropertyValue("id", out var id) || id is null => "'id' is required.",
        JsonObject o when o["id"] is not JsonValue v || !v.TryGetValue<string>(out _) => "'id' must be a string.",
        JsonObject o when string.IsNullOrWhiteSpace(o["id"]!.GetValue<string>()) => "'id' must not be empty.",
        JsonObject o when o["id"]!.GetValue<string>().Length > MaxIdLength => $"'id' must be at most {MaxIdLength} characters.",
        _ => null,
    };

    /// <summary>Splits a validated input into the host id and the canonical data without the id.</summary>
    public static (string HostId, JsonObject Data) Split(JsonObject input)
    {
        var data = (JsonObject)input.DeepClone();
        var id = data["id"]!.GetValue<string>();
        data.Remove("id");
        return (id, data);
    }

    /// <summary>Canonical entity name for a route segment, case-insensitively ("invoice" → "Invoice"); null when unknown.</summary>
    public static string? Entity(string name) =>
        CanonicalEntities.All.FirstOrDefault(e => string.Equals(e, name, StringComparison.OrdinalIgnoreCase));
}
