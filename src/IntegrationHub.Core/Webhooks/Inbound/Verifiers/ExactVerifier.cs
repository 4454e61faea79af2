using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// Exact Online: the body is {"Content":{…},"HashCode":"&lt;hex&gt;"} and HashCode = hex(HMAC-SHA256(webhook secret,
/// the raw JSON text of Content as sent)). The Content text is sliced from the raw body, never re-serialised.
/// </summary>
public sealed class ExactVerifier : IWebhookVerifier
{
    public string Scheme => "exact-hashcode";

    public ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        string content, hashCode;
        try
        {
            using var json = JsonDocument.Parse(request.Body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("Content", out var c) || c.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("HashCode", out var h) || h.ValueKind != JsonValueKind.String)
                return new(Verification.Malformed("body must be {\"Content\":{…},\"HashCode\":\"…\"}"));
            content = c.GetRawText();
            hashCode = h.GetString()!;
        }
        catch (JsonException)
        {
            return new(Verification.Malformed("body is not JSON"));
        }
        return new(SignatureCompare.HexEquals(hashCode, SignatureCompare.HmacSha256(secret, Encoding.UTF8.GetBytes(content)))
            ? Verification.Ok : Verification.Forged("bad HashCode"));
    }
}
