using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Core.Webhooks.Inbound;
using IntegrationHub.Core.Webhooks.Inbound.Verifiers;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>Each scheme's verifier against signatures built from the vendor's documented algorithm (see vendors/VENDORS.md).</summary>
public class VerifierTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_764_400_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventNotifications":[{"realmId":"123","dataChangeEvent":{"entities":[]}}]}""");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static InboundWebhook Request(byte[] body, params (string Name, string Value)[] headers) =>
        Request("https://hooks.example.com/webhooks/x", body, headers);

    private static InboundWebhook Request(string url, byte[] body, params (string Name, string Value)[] headers) =>
        new("POST", new Uri(url), headers.ToDictionary(h => h.Name, h => h.Value), body);

    private static async Task<VerificationOutcome> Verify(IWebhookVerifier verifier, InboundWebhook request, string secret, DateTimeOffset? now = null) =>
        (await verifier.VerifyAsync(request, secret, now ?? Now, Ct)).Outcome;

    [Theory]
    [InlineData("intuit-signature", "qbo-dev-verifier-token")]
    [InlineData("x-xero-signature", "xero-dev-webhook-key")]
    [InlineData("X-Shopify-Hmac-Sha256", "shpss_client_secret")]
    public async Task Body_hmac_schemes_accept_the_documented_signature_and_nothing_else(string header, string key)
    {
        IWebhookVerifier verifier = header switch { "intuit-signature" => new QboVerifier(), "x-xero-signature" => new XeroVerifier(), _ => new ShopifyVerifier() };
        var good = Signing.B64Hmac(key, Body);
        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, Request(Body, (header, good)), key));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body, (header, good)), key + "x"));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request([.. Body, (byte)' '], (header, good)), key));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body, (header, good[..^4])), key));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body, (header, "not base64 at all!")), key));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body, (header, Convert.ToBase64String(new byte[64]))), key));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body), key));
    }

    [Fact]
    public async Task Standard_webhooks_signs_id_timestamp_and_body_with_the_decoded_secret()
    {
        var keyBytes = RandomNumberGenerator.GetBytes(32);
        var secret = "whsec_" + Convert.ToBase64String(keyBytes);
        var ts = Now.ToUnixTimeSeconds().ToString();
        string Sig(byte[] k) => "v1," + Convert.ToBase64String(HMACSHA256.HashData(k, Encoding.UTF8.GetBytes($"msg_1.{ts}.{Encoding.UTF8.GetString(Body)}")));
        var verifier = new StandardWebhooksVerifier();
        InboundWebhook With(string signature, string timestamp) =>
            Request(Body, ("webhook-id", "msg_1"), ("webhook-timestamp", timestamp), ("webhook-signature", signature));

        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, With(Sig(keyBytes), ts), secret));
        // Several signatures (rotation): any one valid v1 passes; other versions are ignored.
        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, With($"v1a,AAAA v1,{Convert.ToBase64String(new byte[32])} {Sig(keyBytes)}", ts), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(Sig(RandomNumberGenerator.GetBytes(32)), ts), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(Sig(keyBytes)[..10], ts), secret));
        Assert.Equal(VerificationOutcome.Stale, await Verify(verifier, With(Sig(keyBytes), ts), secret, Now.AddMinutes(6)));
        Assert.Equal(VerificationOutcome.Stale, await Verify(verifier, With(Sig(keyBytes), ts), secret, Now.AddMinutes(-6)));
        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, With(Sig(keyBytes), ts), secret, Now.AddMinutes(4)));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(Sig(keyBytes), "yesterday"), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(Sig(keyBytes), "99999999999999999999999"), secret));
    }

    [Fact]
    public async Task HubSpot_v3_signs_method_decoded_uri_body_and_millisecond_timestamp_within_five_minutes()
    {
        const string secret = "hubspot-client-secret";
        const string url = "https://hooks.example.com/webhooks/hubspot?portal=1%202";
        var ms = Now.ToUnixTimeMilliseconds().ToString();
        var good = Signing.B64Hmac(secret, Encoding.UTF8.GetBytes("POST" + "https://hooks.example.com/webhooks/hubspot?portal=1 2" + Encoding.UTF8.GetString(Body) + ms));
        var verifier = new HubSpotV3Verifier();
        InboundWebhook With(string sig, string timestamp) => Request(url, Body, ("X-HubSpot-Signature-v3", sig), ("X-HubSpot-Request-Timestamp", timestamp));

        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, With(good, ms), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(good, (long.Parse(ms) + 1).ToString()), secret));
        Assert.Equal(VerificationOutcome.Stale, await Verify(verifier, With(good, ms), secret, Now.AddMinutes(5).AddSeconds(1)));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(good[..^2], ms), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With(good, "abc"), secret));
    }

    [Fact]
    public async Task Stripe_signs_t_dot_body_in_hex_and_accepts_any_v1_within_the_tolerance()
    {
        const string secret = "whsec_stripe_endpoint_secret";
        var t = Now.ToUnixTimeSeconds().ToString();
        var good = Signing.HexHmac(secret, t + "." + Encoding.UTF8.GetString(Body)).ToLowerInvariant();
        var verifier = new StripeVerifier();
        InboundWebhook With(string header) => Request(Body, ("Stripe-Signature", header));

        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, With($"t={t},v1={good}"), secret));
        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, With($"t={t},v1={new string('0', 64)},v1={good},v0=abc"), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With($"t={t},v0={good}"), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With($"t={t},v1={good[..62]}"), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With($"t={t},v1=zz{good[2..]}"), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, With($"v1={good}"), secret));
        Assert.Equal(VerificationOutcome.Stale, await Verify(verifier, With($"t={t},v1={good}"), secret, Now.AddSeconds(301)));
    }

    [Fact]
    public async Task Exact_hashcode_is_the_hmac_of_the_raw_content_text_as_sent()
    {
        const string secret = "exact-webhook-secret";
        // Unusual spacing on purpose: re-serialising the Content object would change it and break the hash.
        const string content = """{"Topic":"Accounts", "ClientId":"c1","Division":123,"Action":"Update","Key":"5f0c"}""";
        var hash = Signing.HexHmac(secret, content);
        var verifier = new ExactVerifier();
        byte[] Body(string h) => Encoding.UTF8.GetBytes($$"""{"Content":{{content}},"HashCode":"{{h}}"}""");

        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, Request(Body(hash)), secret));
        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, Request(Body(hash.ToLowerInvariant())), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body(hash[..^2])), secret));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Body(hash)), "other"));
        Assert.Equal(VerificationOutcome.Malformed, await Verify(verifier, Request("{\"Content\":"u8.ToArray()), secret));
        Assert.Equal(VerificationOutcome.Malformed, await Verify(verifier, Request("[1,2]"u8.ToArray()), secret));
    }

    [Fact]
    public async Task Business_central_echoes_the_validation_token_and_checks_every_client_state()
    {
        const string state = "bc-client-state-secret";
        var verifier = new BusinessCentralVerifier();
        var handshake = await verifier.VerifyAsync(Request("https://hooks.example.com/webhooks/bc/1?validationToken=tok%2B123", []), state, Now, Ct);
        Assert.Equal(VerificationOutcome.Handshake, handshake.Outcome);
        Assert.Equal("tok+123", handshake.HandshakeResponse);

        byte[] Notification(params string[] states) => Encoding.UTF8.GetBytes(
            "{\"value\":[" + string.Join(',', states.Select(s => $"{{\"subscriptionId\":\"s\",\"clientState\":\"{s}\",\"resource\":\"customers\",\"changeType\":\"updated\"}}")) + "]}");
        Assert.Equal(VerificationOutcome.Verified, await Verify(verifier, Request(Notification(state, state)), state));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Notification(state, "guess")), state));
        Assert.Equal(VerificationOutcome.Forged, await Verify(verifier, Request(Notification(state[..^1])), state));
        Assert.Equal(VerificationOutcome.Malformed, await Verify(verifier, Request("{\"value\":[]}"u8.ToArray()), state));
        Assert.Equal(VerificationOutcome.Malformed, await Verify(verifier, Request("not json"u8.ToArray()), state));
    }
}
