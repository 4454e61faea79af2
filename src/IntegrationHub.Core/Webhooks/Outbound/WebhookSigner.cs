using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>Standard Webhooks signing: secrets are "whsec_" + base64(24–64 random bytes); signatures "v1,base64(HMAC-SHA256(key, id.timestamp.body))".</summary>
public static class WebhookSigner
{
    public const int SecretBytes = 32;

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] Key(string secret) => Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);

    public static string Sign(byte[] key, string messageId, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")));

    /// <summary>The webhook-signature header value: one signature per active key, space-separated (rotation overlap).</summary>
    public static string Header(IEnumerable<byte[]> keys, string messageId, long timestamp, string body) =>
        string.Join(' ', keys.Select(k => Sign(k, messageId, timestamp, body)));
}
