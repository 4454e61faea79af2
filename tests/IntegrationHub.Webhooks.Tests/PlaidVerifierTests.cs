using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Webhooks.Inbound;
using IntegrationHub.Core.Webhooks.Inbound.Verifiers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>
/// Plaid JWT verification against a loopback key endpoint that answers /webhook_verification_key/get the way Plaid
/// documents it, with an ES256 key pair made here; the JWTs are built by hand from RFC 7515.
/// </summary>
public sealed class PlaidVerifierTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private WebApplication? _app;
    private PlaidVerifier _verifier = null!;
    private int _keyRequests;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        var p = _key.ExportParameters(false);
        _app.MapPost("/webhook_verification_key/get", async (HttpContext http) =>
        {
            Interlocked.Increment(ref _keyRequests);
            var request = await http.Request.ReadFromJsonAsync<JsonElement>();
            if (request.GetProperty("client_id").GetString() != "plaid-client" || request.GetProperty("key_id").GetString() != "kid-1") return Results.BadRequest();
            return Results.Json(new { key = new { alg = "ES256", crv = "P-256", kid = "kid-1", kty = "EC", use = "sig", x = B64Url(p.Q.X!), y = B64Url(p.Q.Y!), created_at = 1560466150, expired_at = (long?)null } });
        });
        await _app.StartAsync(Ct);
        _verifier = new PlaidVerifier(new PlaidKeySource(new HttpClient(), new Uri(_app.Urls.First() + "/"), "plaid-client", "plaid-secret", TimeProvider.System));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _key.Dispose();
    }

    private static string B64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Jwt(object header, object payload, ECDsa? signer = null)
    {
        var signingInput = B64Url(JsonSerializer.SerializeToUtf8Bytes(header)) + "." + B64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = (signer ?? _key).SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return signingInput + "." + B64Url(signature);
    }

    private async Task<VerificationOutcome> Verify(string jwt, byte[] body) =>
        (await _verifier.VerifyAsync(new InboundWebhook("POST", new Uri("https://hooks.example.com/webhooks/plaid"),
            new Dictionary<string, string> { ["Plaid-Verification"] = jwt }, body), "", Now, Ct)).Outcome;

    [Fact]
    public async Task Accepts_a_fresh_es256_jwt_whose_body_hash_matches_and_refuses_every_variation()
    {
        var body = """{"webhook_type":"TRANSACTIONS","webhook_code":"SYNC_UPDATES_AVAILABLE","item_id":"item-1"}"""u8.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(body));
        var header = new { alg = "ES256", kid = "kid-1", typ = "JWT" };

        Assert.Equal(VerificationOutcome.Verified, await Verify(Jwt(header, new { iat = Now.ToUnixTimeSeconds(), request_body_sha256 = hash }), body));
        Assert.Equal(VerificationOutcome.Forged, await Verify(Jwt(header, new { iat = Now.ToUnixTimeSeconds(), request_body_sha256 = hash }), [.. body, (byte)' ']));
        Assert.Equal(VerificationOutcome.Stale, await Verify(Jwt(header, new { iat = Now.AddMinutes(-6).ToUnixTimeSeconds(), request_body_sha256 = hash }), body));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(VerificationOutcome.Forged, await Verify(Jwt(header, new { iat = Now.ToUnixTimeSeconds(), request_body_sha256 = hash }, other), body));
        Assert.Equal(VerificationOutcome.Forged, await Verify(Jwt(new { alg = "HS256", kid = "kid-1" }, new { iat = Now.ToUnixTimeSeconds(), request_body_sha256 = hash }), body));
        Assert.Equal(VerificationOutcome.Forged, await Verify(Jwt(new { alg = "ES256", kid = "unknown" }, new { iat = Now.ToUnixTimeSeconds(), request_body_sha256 = hash }), body));
        Assert.Equal(VerificationOutcome.Forged, await Verify("a.b", body));
        Assert.Equal(VerificationOutcome.Forged, await Verify("!!!.???.***", body));
        // kid-1 was fetched once and then cached; the unknown kid was asked for once and refused.
        Assert.Equal(2, _keyRequests);
    }
}
