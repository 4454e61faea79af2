namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// The common "base64(HMAC-SHA256(key, raw body)) in one header" scheme: QBO intuit-signature (key = the app's
/// verifier token), Xero x-xero-signature (key = the webhook signing key), Shopify X-Shopify-Hmac-Sha256 (key = the
/// app's client secret). None of them has a timestamp, so replays are caught by the inbox dedupe key.
/// </summary>
public class BodyHmacVerifier(string scheme, string header) : IWebhookVerifier
{
    public string Scheme { get; } = scheme;

    public ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Header(header) is not { Length: > 0 } signature) return new(Verification.Forged($"missing {header}"));
        return new(SignatureCompare.Base64Equals(signature, SignatureCompare.HmacSha256(secret, request.Body))
            ? Verification.Ok : Verification.Forged($"bad {header}"));
    }
}

public sealed class QboVerifier() : BodyHmacVerifier("intuit-signature", "intuit-signature");

public sealed class XeroVerifier() : BodyHmacVerifier("x-xero-signature", "x-xero-signature");

public sealed class ShopifyVerifier() : BodyHmacVerifier("shopify", "X-Shopify-Hmac-Sha256");
