using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.ApiKeys;

/// <summary>
/// Key text is "ihk_" + 8-char public prefix + "_" + 32 random bytes (base64url). The secret has 256 bits of entropy,
/// so a single SHA-256 is a safe verifier (no slow hash needed) and lookups by prefix stay O(1).
/// </summary>
public static class ApiKeyFormat
{
    public const string Marker = "ihk_";

    public static (string Key, string Prefix, byte[] Hash) Generate()
    {
        var prefix = Marker + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var key = prefix + "_" + secret;
        return (key, prefix, Hash(key));
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>The prefix of a well-formed key, or null; never throws on hostile input.</summary>
    public static string? TryGetPrefix(string? key)
    {
        if (key is null || key.Length is < 20 or > 200 || !key.StartsWith(Marker, StringComparison.Ordinal)) return null;
        var separator = key.IndexOf('_', Marker.Length);
        return separator == Marker.Length + 8 ? key[..separator] : null;
    }

    public static bool Verify(string key, byte[] expectedHash) => CryptographicOperations.FixedTimeEquals(Hash(key), expectedHash);

}
