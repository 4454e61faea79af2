using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IntegrationHub.Core.Webhooks.Inbound.Verifiers;

/// <summary>A P-256 public key from Plaid's verification-key endpoint, with the time it stops being valid.</summary>
public sealed record PlaidKey(string Kid, byte[] X, byte[] Y, DateTimeOffset? ExpiredAt);

public interface IPlaidKeySource
{
    Task<PlaidKey?> GetAsync(string kid, CancellationToken ct);
}

/// <summary>
/// Plaid: the Plaid-Verification header is a JWT signed ES256 with the key named by its kid. The signature must
/// verify, iat must be at most 5 minutes old, and the claim request_body_sha256 must equal the hex SHA-256 of the raw
/// body (constant-time). The shared secret argument is unused: trust comes from Plaid's public key.
/// </summary>
public sealed class PlaidVerifier(IPlaidKeySource keys) : IWebhookVerifier
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public string Scheme => "plaid-jwt";

    public async ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct)
    {
        if (request.Header("Plaid-Verification") is not { Length: > 0 and < 8192 } jwt) return Verification.Forged("missing Plaid-Verification");
        var parts = jwt.Split('.');
        if (parts.Length != 3) return Verification.Forged("Plaid-Verification is not a JWT");
        if (!TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) || !TryDecode(parts[2], out var signature))
            return Verification.Forged("Plaid-Verification is not base64url");
        string? alg, kid;
        long? iat;
        string? bodyHash;
        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            alg = String(header.RootElement, "alg");
            kid = String(header.RootElement, "kid");
            using var payload = JsonDocument.Parse(payloadBytes);
            iat = payload.RootElement.ValueKind == JsonValueKind.Object && payload.RootElement.TryGetProperty("iat", out var i) && i.TryGetInt64(out var v) ? v : null;
            bodyHash = String(payload.RootElement, "request_body_sha256");
        }
        catch (JsonException)
        {
            return Verification.Forged("Plaid-Verification has a malformed header or payload");
        }
        if (alg != "ES256") return Verification.Forged("Plaid-Verification must be signed ES256");
        if (kid is null || await keys.GetAsync(kid, ct) is not { } key) return Verification.Forged("unknown verification key");
        if (key.ExpiredAt is { } expired && expired <= now) return Verification.Forged("verification key has expired");
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = key.X, Y = key.Y } });
        if (signature.Length != 64 || !ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256,
                DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            return Verification.Forged("bad JWT signature");
        if (iat is null) return Verification.Forged("JWT has no iat");
        if (now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat.Value, 0, 253402300799)) > MaxAge) return Verification.Stale("JWT iat older than 5 minutes");
        var actual = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        return bodyHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(bodyHash.ToLowerInvariant()), actual)
            ? Verification.Ok : Verification.Forged("request_body_sha256 does not match the body");
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    public static bool TryDecode(string base64Url, out byte[] bytes)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        bytes = new byte[s.Length];
        if (!Convert.TryFromBase64String(s, bytes, out var written)) return false;
        bytes = bytes[..written];
        return true;
    }
}
