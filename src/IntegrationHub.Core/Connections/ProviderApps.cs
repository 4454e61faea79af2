using System.Text.Json;
using IntegrationHub.Core.Credentials;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// The hub's own app registration at a provider (client id and secret), per connector and environment, kept in the
/// secret store so operators rotate it without a deployment. Each rotation is a new secret version; the current
/// version's creation time is the last rotation.
/// </summary>
public static class ProviderApps
{
    public static readonly TimeSpan RotationInterval = TimeSpan.FromDays(90);

    public static string SecretName(string connectorKey, string environment) => $"providers/{connectorKey}/{environment}/app";

    /// <summary>Where the provider's webhook signing key (verifier token, signing key) is kept.</summary>
    public static string WebhookKeyName(string connectorKey, string environment) => $"providers/{connectorKey}/{environment}/webhook-key";

    public static async Task<ProviderApp?> LoadAsync(ISecretStore secrets, string connectorKey, string environment, CancellationToken ct)
    {
        var secret = await secrets.GetAsync(SecretName(connectorKey, environment), ct: ct);
        return secret is null ? null : JsonSerializer.Deserialize<ProviderApp>(secret.Value);
    }

    public static Task<string> SaveAsync(ISecretStore secrets, string connectorKey, string environment, ProviderApp app, CancellationToken ct) =>
        secrets.SetAsync(SecretName(connectorKey, environment), JsonSerializer.Serialize(app), ct);

    /// <summary>When the stored app credential was last rotated, or null when it comes from configuration.</summary>
    public static async Task<SecretVersionInfo?> CurrentVersionAsync(ISecretStore secrets, string connectorKey, string environment, CancellationToken ct) =>
        (await secrets.ListVersionsAsync(SecretName(connectorKey, environment), ct)).FirstOrDefault(v => v.IsCurrent);
}
