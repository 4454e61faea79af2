namespace IntegrationHub.Core.Webhooks.Inbound;

public enum VerificationOutcome { Verified, Handshake, Forged, Stale, Malformed }

/// <summary>
/// A verifier's verdict. Forged and Stale answer 401, Malformed 400; a Handshake is answered with its body (text/plain)
/// and nothing is stored. Reasons are for logs and never contain a secret or a computed signature.
/// </summary>
public sealed record Verification(VerificationOutcome Outcome, string Reason, string? HandshakeResponse = null)
{
    public static readonly Verification Ok = new(VerificationOutcome.Verified, "verified");
    public static Verification Forged(string reason) => new(VerificationOutcome.Forged, reason);
    public static Verification Stale(string reason) => new(VerificationOutcome.Stale, reason);
    public static Verification Malformed(string reason) => new(VerificationOutcome.Malformed, reason);
    public static Verification Handshake(string response) => new(VerificationOutcome.Handshake, "handshake", response);
}

/// <summary>Checks that a request really comes from the provider, on the raw bytes, before anything is parsed or stored.</summary>
public interface IWebhookVerifier
{
    /// <summary>The scheme name ("intuit-signature", "stripe", …).</summary>
    string Scheme { get; }

    /// <param name="secret">The shared secret the scheme signs with (verifier token, signing key, client secret, clientState…).</param>
    ValueTask<Verification> VerifyAsync(InboundWebhook request, string secret, DateTimeOffset now, CancellationToken ct);
}
