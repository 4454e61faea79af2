using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// HubSpot v3: X-HubSpot-Signature-v3 = base64(HMAC-SHA256(client secret, method + decoded URI + body + timestamp)),
/// X-HubSpot-Request-Timestamp in milliseconds; requests older than 5 minutes are refused.
/// </summary>
public sealed class HubSpotV3Verifier : IWebhookVerifier
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public string Scheme => "hubspot-v3";

    public ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        var signature = request.Header("X-HubSpot-Signature-v3");
        var timestamp = request.Header("X-HubSpot-Request-Timestamp");
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)) return new(Verification.Forged("missing X-HubSpot-Signature-v3 or timestamp"));
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms > 253402300799999)
            return new(Verification.Forged("X-HubSpot-Request-Timestamp is not unix milliseconds"));
        if ((now - DateTimeOffset.FromUnixTimeMilliseconds(ms)).Duration() > MaxAge) return new(Verification.Stale("request older than 5 minutes"));
        var head = Encoding.UTF8.GetBytes(request.Method + Uri.UnescapeDataString(request.Url.AbsoluteUri));
        var tail = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[head.Length + request.Body.Length + tail.Length];
        head.CopyTo(message, 0);
        request.Body.CopyTo(message, head.Length);
        tail.CopyTo(message, head.Length + request.Body.Length);
        return new(SignatureCompare.Base64Equals(signature, SignatureCompare.HmacSha256(secret, message))
            ? Verification.Ok : Verification.Forged("bad X-HubSpot-Signature-v3"));
    }
}
