using System.Text.Json;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.OAuth;

namespace IntegrationHub.Core.Connections;

/// <summary>A connection's token set in the secret store; the connection row mirrors only the non-secret facts.</summary>
public sealed class ConnectionCredentials(ISecretStore secrets)
{
    public async Task<TokenSet?> LoadAsync(Connection connection, CancellationToken ct)
    {
        var secret = await secrets.GetAsync(SecretNames.ConnectionCredential(connection.TenantId, connection.Id), ct: ct);
        return secret is null ? null : JsonSerializer.Deserialize<TokenSet>(secret.Value);
    }

    /// <summary>Writes the new version first and only then updates the row, so a crash in between leaves the newest tokens readable.</summary>
    public async Task SaveAsync(Connection connection, TokenSet tokens, CancellationToken ct)
    {
        connection.CredentialVersion = await secrets.SetAsync(SecretNames.ConnectionCredential(connection.TenantId, connection.Id), JsonSerializer.Serialize(tokens), ct);
        connection.AccessTokenExpiresAt = tokens.AccessTokenExpiresAt;
        connection.RefreshTokenExpiresAt = tokens.RefreshTokenExpiresAt;
        connection.Scopes = tokens.Scopes;
        connection.TokenRefreshedAt = tokens.ObtainedAt;
    }

    public async Task<StaticCredential?> LoadStaticAsync(Connection connection, CancellationToken ct)
    {
        var secret = await secrets.GetAsync(SecretNames.ConnectionStaticCredential(connection.TenantId, connection.Id), ct: ct);
        return secret is null ? null : JsonSerializer.Deserialize<StaticCredential>(secret.Value);
    }

    public async Task SaveStaticAsync(Connection connection, StaticCredential credential, DateTimeOffset now, CancellationToken ct)
    {
        connection.CredentialVersion = await secrets.SetAsync(SecretNames.ConnectionStaticCredential(connection.TenantId, connection.Id), JsonSerializer.Serialize(credential), ct);
        connection.TokenRefreshedAt = now;
    }

    public async Task DeleteAsync(Connection connection, CancellationToken ct)
    {
        await secrets.DeleteAsync(SecretNames.ConnectionCredential(connection.TenantId, connection.Id), ct);
        await secrets.DeleteAsync(SecretNames.ConnectionStaticCredential(connection.TenantId, connection.Id), ct);
    }
}
