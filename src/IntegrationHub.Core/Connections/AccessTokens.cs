using System.Diagnostics.Metrics;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// Hands out a valid access token for a connection, refreshing it before expiry (the connector's margin) or after
/// a 401. Refresh is single-flight across every process: one caller takes a Redis lease, re-reads the credential
/// (another process may have refreshed already) and refreshes; the others wait for the lease and read its result.
/// The new token set is persisted before anyone uses it, because providers that rotate refresh tokens invalidate
/// the old one: a token used but not saved would be lost at the next crash.
/// </summary>
public sealed class AccessTokens(
    HubDbContext db, ConnectionCredentials credentials, OAuthClient oauth, ConnectorCatalog catalog,
    IConnectionMultiplexer redis, TimeProvider clock, ILogger<AccessTokens> logger)
{
    private static readonly Meter Meter = new("IntegrationHub");
    private static readonly Counter<long> Refreshes = Meter.CreateCounter<long>("hub.oauth.refreshes", description: "Token refresh requests sent to providers");
    private static readonly TimeSpan LeaseTtl = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(45);

    /// <param name="rejectedAccessToken">The token a provider just answered 401 to: refresh unless someone already replaced it.</param>
    public async Task<string> GetAsync(Guid connectionId, string? rejectedAccessToken = null, CancellationToken ct = default)
    {
        var connection = await LoadActiveAsync(connectionId, ct);
        var connector = catalog.Find(connection.Provider)!;
        var tokens = await credentials.LoadAsync(connection, ct) ?? throw Unavailable(connection, "no stored credential");
        if (tokens.AccessToken != rejectedAccessToken && !tokens.NeedsRefresh(clock.GetUtcNow(), Margin(connector))) return tokens.AccessToken;
        return (await RefreshAsync(connection, connector, tokens.AccessToken, ct)).AccessToken;
    }

    /// <summary>Refreshes now unless another caller already replaced the current token (then returns theirs).</summary>
    public async Task<TokenSet> ForceRefreshAsync(Guid connectionId, CancellationToken ct = default)
    {
        var connection = await LoadActiveAsync(connectionId, ct);
        var tokens = await credentials.LoadAsync(connection, ct) ?? throw Unavailable(connection, "no stored credential");
        return await RefreshAsync(connection, catalog.Find(connection.Provider)!, tokens.AccessToken, ct);
    }

    private async Task<TokenSet> RefreshAsync(Connection connection, ConnectorMetadata connector, string staleAccessToken, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + WaitLimit;
        var lockKey = $"hub:lock:token-refresh:{connection.Id:N}";
        while (true)
        {
            await using (var lease = await RedisLock.TryAcquireAsync(redis.GetDatabase(), lockKey, LeaseTtl))
            {
                if (lease is not null) return await RefreshHoldingLeaseAsync(connection, connector, staleAccessToken, ct);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25 + Random.Shared.Next(50)), clock, ct);
            if (await FreshTokensAsync(connection, connector, staleAccessToken, ct) is { } fresh) return fresh;
            if (clock.GetUtcNow() > deadline) throw new TimeoutException($"Timed out waiting for another process to refresh connection {connection.Id}.");
        }
    }

    private async Task<TokenSet> RefreshHoldingLeaseAsync(Connection connection, ConnectorMetadata connector, string staleAccessToken, CancellationToken ct)
    {
        // The database re-check: whoever held the lease before us may already have stored new tokens.
        if (await FreshTokensAsync(connection, connector, staleAccessToken, ct) is { } fresh) return fresh;
        Refreshes.Add(1, new KeyValuePair<string, object?>("provider", connection.Provider));
        TokenSet refreshed;
        try
        {
            refreshed = await RequestNewTokensAsync(connection, connector, ct);
        }
        catch (OAuthException ex) when (ex.Refused)
        {
            throw await MarkNeedsReauthAsync(connection, $"{connector.Name} refused the refresh token ({ex.Error}); reconnect to continue.", ct);
        }
        await credentials.SaveAsync(connection, refreshed, ct);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Refreshed access token for connection {ConnectionId} ({Provider}); expires {ExpiresAt:O}",
            connection.Id, connection.Provider, refreshed.AccessTokenExpiresAt);
        return refreshed;
    }

    /// <summary>A refresh-token grant, or for client-credentials providers a new grant with the tenant's stored client secret.</summary>
    private async Task<TokenSet> RequestNewTokensAsync(Connection connection, ConnectorMetadata connector, CancellationToken ct)
    {
        if (connector.Auth.Kind == AuthKind.OAuth2ClientCredentials)
        {
            var client = await credentials.LoadStaticAsync(connection, ct);
            if (client?.ClientId is not { } id || client.ClientSecret is not { } secret) throw await MarkNeedsReauthAsync(connection, "No client credentials are stored.", ct);
            return await oauth.ClientCredentialsAsync(connector, connection.Environment, id, secret, ct);
        }
        var current = await credentials.LoadAsync(connection, ct);
        if (current?.RefreshToken is not { } refreshToken) throw await MarkNeedsReauthAsync(connection, "No refresh token is stored.", ct);
        return await oauth.RefreshAsync(connector, connection.Environment, refreshToken, ct);
    }

    private async Task<TokenSet?> FreshTokensAsync(Connection connection, ConnectorMetadata connector, string staleAccessToken, CancellationToken ct)
    {
        var tokens = await credentials.LoadAsync(connection, ct);
        return tokens is not null && tokens.AccessToken != staleAccessToken && !tokens.NeedsRefresh(clock.GetUtcNow(), Margin(connector)) ? tokens : null;
    }

    private async Task<ConnectionUnavailableException> MarkNeedsReauthAsync(Connection connection, string reason, CancellationToken ct)
    {
        logger.LogWarning("Connection {ConnectionId} ({Provider}) needs re-authorisation: {Reason}", connection.Id, connection.Provider, reason);
        await db.Entry(connection).ReloadAsync(ct);
        if (connection.Status != ConnectionStatus.NeedsReauth)
        {
            connection.Status = ConnectionStatus.NeedsReauth;
            connection.StatusReason = reason;
            db.Audit(connection.TenantId, AuditActions.ConnectionNeedsReauth, AuditActor.System, "connection", connection.Id.ToString(), new { connection.Provider, reason });
            db.Emit(connection.TenantId, EventTypes.ConnectionNeedsReauth, new { connectionId = connection.Id, connection.Provider, reason });
            await db.SaveChangesAsync(ct);
        }
        return Unavailable(connection, reason);
    }

    private async Task<Connection> LoadActiveAsync(Guid connectionId, CancellationToken ct)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == connectionId, ct)
            ?? throw new InvalidOperationException($"Connection {connectionId} does not exist in this tenant.");
        return connection.Status == ConnectionStatus.Active ? connection : throw Unavailable(connection, connection.StatusReason);
    }

    private static TimeSpan Margin(ConnectorMetadata connector) => connector.Auth.RefreshMargin ?? TimeSpan.FromMinutes(5);

    private static ConnectionUnavailableException Unavailable(Connection c, string? reason) => new(c.Id, c.Status, reason);
}
