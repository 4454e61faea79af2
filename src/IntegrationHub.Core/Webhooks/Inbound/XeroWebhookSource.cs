using System.Text.Json;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Webhooks.Inbound.Verifiers;

namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>
/// Xero: {"events":[{resourceId, tenantId, eventCategory, eventType, eventDateUtc…}], firstEventSequence…}. An empty
/// events list is the intent-to-receive handshake (answered 200 with an empty body once the signature is good).
/// Xero events carry no id of their own, so the dedupe key hashes tenant, category, resource, type and date.
/// </summary>
public sealed class XeroWebhookSource : IWebhookSource
{
    public string Provider => "xero";
    public IWebhookVerifier Verifier { get; } = new XeroVerifier();

    public static string? CanonicalEntity(string? category) => category?.ToUpperInvariant() switch
    {
        "CONTACT" => CanonicalEntities.Customer,
        "INVOICE" => CanonicalEntities.Invoice,
        "CREDITNOTE" => CanonicalEntities.CreditNote,
        "PAYMENT" => CanonicalEntities.Payment,
        _ => null,
    };

    public ParseResult Parse(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("events", out var list) || list.ValueKind != JsonValueKind.Array)
                return ParseResult.Invalid("body must be {\"events\":[…]}");
            var events = new List<ParsedEvent>();
            foreach (var e in list.EnumerateArray())
            {
                var (resource, tenant, category, type, at) = (SourceJson.Str(e, "resourceId"), SourceJson.Str(e, "tenantId"),
                    SourceJson.Str(e, "eventCategory"), SourceJson.Str(e, "eventType"), SourceJson.Str(e, "eventDateUtc"));
                if (resource is null || tenant is null || category is null || type is null) return ParseResult.Invalid("each event needs resourceId, tenantId, eventCategory and eventType");
                var entity = CanonicalEntity(category);
                events.Add(new ParsedEvent(SourceJson.Str(e, "eventId") ?? SourceJson.Hash(tenant, category, resource, type, at),
                    $"xero.{category.ToLowerInvariant()}.{type.ToLowerInvariant()}", tenant, entity, resource, SourceJson.Payload(entity, resource, type, e)));
            }
            return new ParseResult(events);
        }
        catch (JsonException)
        {
            return ParseResult.Invalid("body is not JSON");
        }
    }
}
