using System.Text.Json;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Webhooks.Inbound.Verifiers;

namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>
/// QuickBooks Online, both payload shapes: legacy {"eventNotifications":[{realmId, dataChangeEvent:{entities:[…]}}]}
/// (deduped by a hash of realm, entity, id, operation and lastUpdated) and CloudEvents [{id, type, intuitentityid,
/// intuitaccountid…}] (deduped by the CloudEvent id).
/// </summary>
public sealed class QboWebhookSource : IWebhookSource
{
    public string Provider => "quickbooks";
    public IWebhookVerifier Verifier { get; } = new QboVerifier();

    public static string? CanonicalEntity(string? qboName) => qboName?.ToLowerInvariant() switch
    {
        "customer" => CanonicalEntities.Customer,
        "item" => CanonicalEntities.Item,
        "account" => CanonicalEntities.Account,
        "invoice" => CanonicalEntities.Invoice,
        "payment" => CanonicalEntities.Payment,
        "creditmemo" => CanonicalEntities.CreditNote,
        _ => null,
    };

    public ParseResult Parse(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var events = new List<ParsedEvent>();
            if (json.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in json.RootElement.EnumerateArray())
                {
                    var (id, type, entityId, realm) = (SourceJson.Str(e, "id"), SourceJson.Str(e, "type"), SourceJson.Str(e, "intuitentityid"), SourceJson.Str(e, "intuitaccountid"));
                    if (id is null || type is null || realm is null) return ParseResult.Invalid("each CloudEvent needs id, type and intuitaccountid");
                    // type is qbo.<entity>.<operation>.v1
                    var parts = type.Split('.');
                    var entity = parts.Length >= 3 ? CanonicalEntity(parts[1]) : null;
                    var operation = parts.Length >= 3 ? parts[2] : null;
                    events.Add(new ParsedEvent(id, type, realm, entity, entityId, SourceJson.Payload(entity, entityId, operation, e)));
                }
            }
            else if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("eventNotifications", out var notifications)
                     && notifications.ValueKind == JsonValueKind.Array)
            {
                foreach (var n in notifications.EnumerateArray())
                {
                    var realm = SourceJson.Str(n, "realmId");
                    if (realm is null || !n.TryGetProperty("dataChangeEvent", out var change) || !change.TryGetProperty("entities", out var entities)
                        || entities.ValueKind != JsonValueKind.Array)
                        return ParseResult.Invalid("each eventNotification needs realmId and dataChangeEvent.entities");
                    foreach (var e in entities.EnumerateArray())
                    {
                        var (name, id, operation, updated) = (SourceJson.Str(e, "name"), SourceJson.Str(e, "id"), SourceJson.Str(e, "operation"), SourceJson.Str(e, "lastUpdated"));
                        if (name is null || id is null || operation is null) return ParseResult.Invalid("each entity needs name, id and operation");
                        var entity = CanonicalEntity(name);
                        events.Add(new ParsedEvent(SourceJson.Hash(realm, name, id, operation, updated), $"qbo.{name.ToLowerInvariant()}.{operation.ToLowerInvariant()}",
                            realm, entity, id, SourceJson.Payload(entity, id, operation, e)));
                    }
                }
            }
            else
            {
                return ParseResult.Invalid("body is neither eventNotifications nor a CloudEvents array");
            }
            return events.Count == 0 ? ParseResult.Invalid("no events in the body") : new ParseResult(events);
        }
        catch (JsonException)
        {
            return ParseResult.Invalid("body is not JSON");
        }
    }
}
