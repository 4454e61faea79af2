using System.Text.Json;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// Business Central: creating or renewing a subscription calls the URL with ?validationToken=…, answered with the
/// token as plain text; notifications ({"value":[…]}) carry no HMAC, only the clientState chosen at subscription
/// time, which every entry must echo (compared in constant time).
/// </summary>
public sealed class BusinessCentralVerifier : IWebhookVerifier
{
    public string Scheme => "business-central";

    public ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Query("validationToken") is { } token)
            return new(token.Length is > 0 and <= 1024 ? Verification.Handshake(token) : Verification.Malformed("validationToken is empty or too long"));
        try
        {
            using var json = JsonDocument.Parse(request.Body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("value", out var value)
                || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
                return new(Verification.Malformed("body must be {\"value\":[…]} with at least one notification"));
            foreach (var notification in value.EnumerateArray())
            {
                var state = notification.ValueKind == JsonValueKind.Object && notification.TryGetProperty("clientState", out var s) && s.ValueKind == JsonValueKind.String
                    ? s.GetString() : null;
                if (!SignatureCompare.TextEquals(state, secret)) return new(Verification.Forged("clientState does not match"));
            }
            return new(Verification.Ok);
        }
        catch (JsonException)
        {
            return new(Verification.Malformed("body is not JSON"));
        }
    }
}
