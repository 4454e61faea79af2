using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Simulators.Webhooks;

/// <summary>Both vendors sign the raw body: base64(HMAC-SHA256(key, body)).</summary>
public static class WebhookSigner
{
    public static string Sign(string key, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));
}
