using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// Stripe: Stripe-Signature "t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…][,v0=…]"; v1 = hex(HMAC-SHA256(endpoint secret string,
/// t + "." + body)); any v1 may match (Stripe sends several during a secret roll); t within the tolerance (300 s).
/// </summary>
public sealed class StripeVerifier(TimeSpan? tolerance = null) : IWebhookVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);
    private readonly TimeSpan _tolerance = tolerance ?? DefaultTolerance;

    public string Scheme => "stripe";

    public ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Header("Stripe-Signature") is not { Length: > 0 } header) return new(Verification.Forged("missing Stripe-Signature"));
        string? t = null;
        var v1 = new List<string>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (key == "t") t = value;
            else if (key == "v1") v1.Add(value);
        }
        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return new(Verification.Forged("Stripe-Signature has no valid t="));
        if (v1.Count == 0) return new(Verification.Forged("Stripe-Signature has no v1 signature"));
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _tolerance) return new(Verification.Stale("timestamp outside the tolerance"));
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var message = new byte[prefix.Length + request.Body.Length];
        prefix.CopyTo(message, 0);
        request.Body.CopyTo(message, prefix.Length);
        var expected = SignatureCompare.HmacSha256(secret, message);
        return new(v1.Any(s => SignatureCompare.HexEquals(s, expected)) ? Verification.Ok : Verification.Forged("no matching v1 signature"));
    }
}
