using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IntegrationHub.Core.OAuth;

/// <summary>RFC 7636 with S256: a 43-character verifier from 32 random bytes and its base64url SHA-256 challenge.</summary>
public static class Pkce
{
    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static string NewState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] HashState(string state) => SHA256.HashData(Encoding.UTF8.GetBytes(state));
}
