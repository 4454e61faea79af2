using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>
/// Constant-time comparison of a received signature with the expected bytes. Undecodable input or a length mismatch
/// is simply "not equal": a forged header must never become an exception (and so a 500).
/// </summary>
public static class SignatureCompare
{
    public static bool Base64Equals(string? received, ReadOnlySpan<byte> expected)
    {
        if (string.IsNullOrEmpty(received) || received.Length > 1024) return false;
        Span<byte> buffer = stackalloc byte[768];
        return Convert.TryFromBase64String(received.Trim(), buffer, out var written)
            && written == expected.Length
            && CryptographicOperations.FixedTimeEquals(buffer[..written], expected);
    }

    public static bool HexEquals(string? received, ReadOnlySpan<byte> expected)
    {
        if (string.IsNullOrEmpty(received) || received.Length != expected.Length * 2) return false;
        byte[] decoded;
        try
        {
            decoded = Convert.FromHexString(received);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(decoded, expected);
    }

    public static bool TextEquals(string? received, string expected) =>
        received is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(received), Encoding.UTF8.GetBytes(expected));

    public static byte[] HmacSha256(string key, ReadOnlySpan<byte> message) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message);
}
