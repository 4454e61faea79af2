using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace IntegrationHub.Core.Credentials.KeyVault;

/// <summary>
/// <see cref="ISecretStore"/> on Azure Key Vault. Key Vault versions are opaque ids; names allow only letters,
/// digits and dashes, so hub names are mapped to "readable-part-hash" (the hash keeps "a/b" and "a-b" apart) and
/// the original name is kept as a tag. Deletion is Key Vault's soft delete, recoverable for the vault's retention.
/// </summary>
public sealed class KeyVaultSecretStore(SecretClient client) : ISecretStore
{
    private const string NameTag = "hub-name";

    public async Task<string> SetAsync(string name, string value, CancellationToken ct = default)
    {
        SecretNames.Validate(name);
        var secret = new KeyVaultSecret(VaultName(name), value);
        secret.Properties.Tags[NameTag] = name;
        secret.Properties.ContentType = "text/plain";
        KeyVaultSecret stored = await client.SetSecretAsync(secret, ct);
        return stored.Properties.Version;
    }

    public async Task<SecretValue?> GetAsync(string name, string? version = null, CancellationToken ct = default)
    {
        try
        {
            KeyVaultSecret secret = await client.GetSecretAsync(VaultName(name), version, ct);
            return new SecretValue(name, secret.Properties.Version, secret.Value, secret.Properties.CreatedOn ?? DateTimeOffset.MinValue);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<SecretVersionInfo>> ListVersionsAsync(string name, CancellationToken ct = default)
    {
        var versions = new List<SecretProperties>();
        try
        {
            await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(VaultName(name), ct)) versions.Add(properties);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
        var ordered = versions.Where(v => v.Enabled != false).OrderByDescending(v => v.CreatedOn).ToList();
        return ordered.Select((v, i) => new SecretVersionInfo(v.Version, v.CreatedOn ?? DateTimeOffset.MinValue, i == 0)).ToList();
    }

    public async Task DeleteAsync(string name, CancellationToken ct = default)
    {
        try
        {
            await client.StartDeleteSecretAsync(VaultName(name), ct);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    public static string VaultName(string name)
    {
        var readable = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 4)).ToLowerInvariant();
        return $"{readable[..Math.Min(readable.Length, 110)]}-{hash}";
    }
}
