using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// Change data capture: everything changed since a moment at most 30 days ago, deletions as
/// <c>"status":"Deleted"</c> stubs, and no more than 1,000 objects across all requested entities.
/// </summary>
public static class QboCdc
{
    public const int ObjectCap = 1000;
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(30);

    public static JsonObject Run(QboCompany company, string? entities, string? changedSince, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(entities)) throw QboFaultException.Required("entities");
        if (string.IsNullOrWhiteSpace(changedSince) || !QboTime.TryParse(changedSince, out var since))
            throw QboFaultException.Required("changedSince");
        if (now - since > LookBack)
            throw new QboFaultException(400, "10000", "An application error has occurred while processing your request",
                "changedSince must be within the last 30 days");
        var responses = new JsonArray();
        var remaining = ObjectCap;
        foreach (var requested in entities.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entity = QboEntities.Canonical(requested)
                ?? throw QboFaultException.Business($"Unsupported entity in CDC request: {requested}");
            var changed = company.Table(entity).Rows.Where(r => r.Updated > since).OrderBy(r => r.Updated).Take(remaining)
                .Select(r => (JsonNode)(r.Deleted ? Tombstone(r) : r.Data.DeepClone())).ToArray();
            remaining -= changed.Length;
            var response = new JsonObject();
            if (changed.Length > 0) response[entity] = new JsonArray(changed);
            response["startPosition"] = 1;
            response["maxResults"] = changed.Length;
            responses.Add(response);
        }
        return QboResults.Wrap("CDCResponse", new JsonArray(new JsonObject { ["QueryResponse"] = responses }), now);
    }

    private static JsonObject Tombstone(StoredEntity row) => new()
    {
        ["domain"] = "QBO",
        ["status"] = "Deleted",
        ["Id"] = row.Id,
        ["MetaData"] = new JsonObject { ["LastUpdatedTime"] = QboTime.Format(row.Updated) },
    };
}
