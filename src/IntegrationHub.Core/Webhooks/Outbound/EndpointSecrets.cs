using System.Collections.Concurrent;
using IntegrationHub.Core.Credentials;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Endpoint signing secrets: created and rotated through the secret store (each rotation a new version), and the keys
/// that sign right now (current, plus the previous one during the overlap), cached per version because a version
/// never changes once written.
/// </summary>
public sealed class EndpointSecrets
{
    private readonly ConcurrentDictionary<(string, string), byte[]> _keys = new();

    /// <summary>Creates or rotates the endpoint's secret; returns the new secret (shown to the caller once).</summary>
    public static async Task<string> RotateAsync(ISecretStore store, WebhookEndpoint endpoint, DateTimeOffset now, TimeSpan overlap, CancellationToken ct)
    {
        var secret = WebhookSigner.NewSecret();
        var version = await store.SetAsync(endpoint.SecretName, secret, ct);
        if (endpoint.SecretVersion.Length > 0)
        {
            endpoint.PreviousSecretVersion = endpoint.SecretVersion;
            endpoint.PreviousSecretUntil = now + overlap;
        }
        endpoint.SecretVersion = version;
        endpoint.UpdatedAt = now;
        return secret;
    }

    public async Task<IReadOnlyList<byte[]>> SigningKeysAsync(ISecretStore store, WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken ct)
    {
        var keys = new List<byte[]> { await KeyAsync(store, endpoint.SecretName, endpoint.SecretVersion, ct) };
        if (endpoint.PreviousSecretVersion is { } previous && endpoint.PreviousSecretUntil > now)
            keys.Add(await KeyAsync(store, endpoint.SecretName, previous, ct));
        return keys;
    }

    private async Task<byte[]> KeyAsync(ISecretStore store, string name, string version, CancellationToken ct)
    {
        if (_keys.TryGetValue((name, version), out var key)) return key;
        var secret = await store.GetAsync(name, version, ct) ?? throw new InvalidOperationException("The endpoint's signing secret is missing from the secret store.");
        return _keys[(name, version)] = WebhookSigner.Key(secret.Value);
    }
}
