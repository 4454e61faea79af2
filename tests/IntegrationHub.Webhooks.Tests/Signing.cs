using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>Vendor signatures computed the way each vendor documents them, independently of the verifiers under test.</summary>
public static class Signing
{
    public static string B64Hmac(string key, byte[] message)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return Convert.ToBase64String(hmac.ComputeHash(message));
    }

    public static string HexHmac(string key, string message)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        return BitConverter.ToString(hmac.ComputeHash(Encoding.UTF8.GetBytes(message))).Replace("-", "");
    }
}
