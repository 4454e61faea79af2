using System.Globalization;
using System.Text;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>
/// Standard Webhooks: webhook-signature holds space-separated "v1,&lt;base64&gt;" entries, each an HMAC-SHA256 with the
/// base64-decoded secret (after "whsec_") over "{webhook-id}.{webhook-timestamp}.{body}"; any one valid entry passes.
/// The timestamp (unix seconds) must be within the tolerance either way.
/// </summary>
public sealed class StandardWebhooksVerifier(TimeSpan? tolerance = null) : IWebhookVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);
    private readonly TimeSpan _tolerance = tolerance ?? DefaultTolerance;

    public string Scheme => "standard-webhooks";

    public ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        var id = request.Header("webhook-id");
        var timestamp = request.Header("webhook-timestamp");
        var signatures = request.Header("webhook-signature");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return new(Verification.Forged("missing webhook-id, webhook-timestamp or webhook-signature"));
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            return new(Verification.Forged("webhook-timestamp is not unix seconds"));
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _tolerance)
            return new(Verification.Stale("webhook-timestamp outside the tolerance"));
        if (!TryKey(secret, out var key)) return new(Verification.Forged("endpoint secret is not a valid whsec_ secret"));
        var expected = Sign(key, id, timestamp, request.Body);
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma > 0 && entry[..comma] == "v1" && SignatureCompare.Base64Equals(entry[(comma + 1)..], expected)) return new(Verification.Ok);
        }
        return new(Verification.Forged("no matching v1 signature"));
    }

    public static byte[] Sign(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return System.Security.Cryptography.HMACSHA256.HashData(key, message);
    }

    public static bool TryKey(string secret, out byte[] key)
    {
        key = [];
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret;
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written) || written == 0) return false;
        key = buffer[..written];
        return true;
    }
}
