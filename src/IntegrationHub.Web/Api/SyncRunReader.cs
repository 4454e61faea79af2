using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.Web.Api;

/// <summary>A sync run as the connection page lists it.</summary>
public sealed record SyncRunSummary(Guid Id, string Status, string? Kind, string? Trigger, DateTimeOffset? QueuedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, int Processed, int? ExpectedTotal, string? Error);

/// <summary>
/// Reads sync runs from the sync-runs endpoints, which accept both a bare JSON array and a page ({ items: [...] }), and
/// field names in the Api's camelCase; a field that is absent is shown as unknown rather than failing the whole panel.
/// </summary>
public static class SyncRunReader
{
    public static IReadOnlyList<SyncRunSummary> ReadRuns(JsonElement body)
    {
        var array = body.ValueKind == JsonValueKind.Array ? body
            : body.ValueKind == JsonValueKind.Object && Find(body, "items") is { ValueKind: JsonValueKind.Array } items ? items
            : throw new HubApiException(null, "The Api returned sync runs in a shape the portal does not understand");
        return array.EnumerateArray().Select(ReadRun).OfType<SyncRunSummary>().ToList();
    }

    /// <summary>A run object, or a wrapper with a "run" property; null when the body describes no run.</summary>
    public static SyncRunSummary? ReadRun(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) return null;
        if (Find(body, "run") is { ValueKind: JsonValueKind.Object } run) body = run;
        if (Text(body, "id") is not { } idText || !Guid.TryParse(idText, out var id)) return null;
        return new SyncRunSummary(id, Text(body, "status") ?? "unknown", Text(body, "kind") ?? Text(body, "mode"), Text(body, "trigger"),
            Time(body, "queuedAt"), Time(body, "startedAt"), Time(body, "finishedAt"), Int(body, "processed") ?? 0, Int(body, "expectedTotal"), Text(body, "error"));
    }

    private static JsonElement? Find(JsonElement obj, string name) =>
        obj.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p.Value).FirstOrDefault();

    private static string? Text(JsonElement obj, string name) => Find(obj, name) switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        _ => null,
    };

    private static int? Int(JsonElement obj, string name) => Find(obj, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

    private static DateTimeOffset? Time(JsonElement obj, string name) =>
        Text(obj, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}
