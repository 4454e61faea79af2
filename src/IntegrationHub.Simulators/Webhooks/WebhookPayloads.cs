using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Webhooks;

/// <summary>Vendor webhook bodies: QBO legacy eventNotifications, QBO CloudEvents, Xero events.</summary>
public static class WebhookPayloads
{
    public static JsonObject QboLegacy(string realmId, IEnumerable<ChangeEvent> changes) => new()
    {
        ["eventNotifications"] = new JsonArray(new JsonObject
        {
            ["realmId"] = realmId,
            ["dataChangeEvent"] = new JsonObject
            {
                ["entities"] = new JsonArray([.. changes.Select(c => (JsonNode)new JsonObject
                {
                    ["name"] = c.Entity, ["id"] = c.Id, ["operation"] = c.Operation, ["lastUpdated"] = Iso(c.At),
                })]),
            },
        }),
    };

    public static JsonArray QboCloudEvents(string realmId, IEnumerable<ChangeEvent> changes) =>
        new([.. changes.Select(c => (JsonNode)new JsonObject
        {
            ["specversion"] = "1.0",
            ["id"] = Guid.NewGuid().ToString(),
            ["source"] = "intuit.simulator",
            ["type"] = $"qbo.{c.Entity.ToLowerInvariant()}.{PastTense(c.Operation)}.v1",
            ["datacontenttype"] = "application/json",
            ["time"] = Iso(c.At),
            ["intuitentityid"] = c.Id,
            ["intuitaccountid"] = realmId,
            ["data"] = new JsonObject(),
        })]);

    public static JsonObject Xero(string baseUrl, IReadOnlyList<ChangeEvent> changes, long firstSequence) => new()
    {
        ["events"] = new JsonArray([.. changes.Select(c => (JsonNode)new JsonObject
        {
            ["resourceUrl"] = $"{baseUrl}{XeroApiEndpoints.Prefix}/{ResourcePath(c.Entity)}/{c.Id}",
            ["resourceId"] = c.Id,
            ["eventDateUtc"] = Iso(c.At),
            ["eventType"] = c.Operation,
            ["eventCategory"] = c.Entity,
            ["tenantId"] = c.Tenant,
            ["tenantType"] = "ORGANISATION",
        })]),
        ["firstEventSequence"] = firstSequence,
        ["lastEventSequence"] = firstSequence + changes.Count - 1,
        ["entropy"] = Entropy(),
    };

    public static JsonObject XeroIntentToReceive() => new()
    {
        ["events"] = new JsonArray(),
        ["firstEventSequence"] = 0,
        ["lastEventSequence"] = 0,
        ["entropy"] = Entropy(),
    };

    private static string ResourcePath(string category) => category switch
    {
        "CONTACT" => "Contacts",
        "INVOICE" => "Invoices",
        "CREDITNOTE" => "CreditNotes",
        _ => category,
    };

    private static string PastTense(string operation) => operation switch
    {
        "Create" => "created",
        "Update" => "updated",
        "Delete" => "deleted",
        "Void" => "voided",
        "Merge" => "merged",
        _ => operation.ToLowerInvariant(),
    };

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Entropy() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
}
