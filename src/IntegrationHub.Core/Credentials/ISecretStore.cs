namespace IntegrationHub.Core.Credentials;

/// <summary>
/// Versioned secret storage: every Set creates a new version and makes it current; older versions stay readable
/// until the secret is deleted. Names are hierarchical ("tenants/{id}/connections/{id}/oauth").
/// </summary>
public interface ISecretStore
{
    Task<string> SetAsync(string name, string value, CancellationToken ct = default);
    Task<SecretValue?> GetAsync(string name, string? version = null, CancellationToken ct = default);
    Task<IReadOnlyList<SecretVersionInfo>> ListVersionsAsync(string name, CancellationToken ct = default);
    Task DeleteAsync(string name, CancellationToken ct = default);
}

public sealed record SecretVersionInfo(string Version, DateTimeOffset CreatedAt, bool IsCurrent);

/// <summary>A decrypted secret. ToString never prints the value, so a logged or interpolated instance cannot leak it.</summary>
public sealed record SecretValue(string Name, string Version, string Value, DateTimeOffset CreatedAt)
{
    public override string ToString() => $"SecretValue {{ Name = {Name}, Version = {Version}, Value = *** }}";
}
