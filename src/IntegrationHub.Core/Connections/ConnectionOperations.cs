using System.Diagnostics;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Connections;

/// <summary>Test (a cheap authenticated call, result stored) and disconnect (revoke at the provider, delete credentials, keep history).</summary>
public sealed class ConnectionOperations(
    HubDbContext db, ConnectionHttp http, ConnectionCredentials credentials, OAuthClient oauth, ConnectorCatalog catalog,
    TimeProvider clock, ILogger<ConnectionOperations> logger)
{
    public async Task TestAsync(Connection connection, AuditActor actor, CancellationToken ct)
    {
        var connector = catalog.Find(connection.Provider)!;
        var started = Stopwatch.GetTimestamp();
        (bool ok, string message) result;
        try
        {
            using var response = await http.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, http.ApiUrl(connection, connector.HealthCheckPath ?? "")), ct);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            result = response.IsSuccessStatusCode
                ? (true, $"{connector.Name} answered in {elapsed:0} ms.")
                : (false, $"{connector.Name} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (ConnectionUnavailableException ex)
        {
            result = (false, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            result = (false, $"{connector.Name} could not be reached: {ex.HttpRequestError}.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            result = (false, $"{connector.Name} did not answer in time.");
        }
        connection.LastTestedAt = clock.GetUtcNow();
        connection.LastTestSucceeded = result.ok;
        connection.LastTestMessage = result.message;
        db.Audit(connection.TenantId, AuditActions.ConnectionTested, actor, "connection", connection.Id.ToString(), new { result.ok, result.message });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Stores a typed-in credential (API key, basic, client credentials) as a new version, obtains a first token for
    /// client-credentials providers, then proves it with a test call: active when the call succeeds, error with the
    /// provider's answer when it does not (the credential stays, so the admin can correct it).
    /// </summary>
    public async Task SetStaticCredentialAsync(Connection connection, StaticCredential credential, AuditActor actor, CancellationToken ct)
    {
        var connector = catalog.Find(connection.Provider)!;
        await credentials.SaveStaticAsync(connection, credential, clock.GetUtcNow(), ct);
        connection.DisconnectedAt = null;
        db.Audit(connection.TenantId, AuditActions.ConnectionCredentialsSet, actor, "connection", connection.Id.ToString(), new { connection.Provider, kind = connector.Auth.Kind.ToString() });
        if (connector.Auth.Kind == AuthKind.OAuth2ClientCredentials)
        {
            try
            {
                await credentials.SaveAsync(connection, await oauth.ClientCredentialsAsync(connector, connection.Environment, credential.ClientId!, credential.ClientSecret!, ct), ct);
            }
            catch (OAuthException ex)
            {
                connection.Status = ConnectionStatus.Error;
                connection.StatusReason = $"{connector.Name} refused the client credentials ({ex.Error}).";
                await db.SaveChangesAsync(ct);
                return;
            }
        }
        connection.Status = ConnectionStatus.Active;
        await db.SaveChangesAsync(ct);
        await TestAsync(connection, actor, ct);
        connection.Status = connection.LastTestSucceeded == true ? ConnectionStatus.Active : ConnectionStatus.Error;
        connection.StatusReason = connection.LastTestSucceeded == true ? null : connection.LastTestMessage;
        if (connection.Status == ConnectionStatus.Active) connection.ConnectedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <returns>A note for the caller when revocation at the provider failed (the local credentials are deleted regardless).</returns>
    public async Task<string?> DisconnectAsync(Connection connection, AuditActor actor, CancellationToken ct)
    {
        var connector = catalog.Find(connection.Provider)!;
        string? note = null;
        var tokens = await credentials.LoadAsync(connection, ct);
        if (tokens?.RefreshToken is { } refreshToken)
        {
            try
            {
                if (!await oauth.RevokeAsync(connector, connection.Environment, refreshToken, ct)) note = $"{connector.Name} offers no revocation; remove the app in its settings.";
            }
            catch (Exception ex) when (ex is OAuthException or HttpRequestException)
            {
                logger.LogWarning("Revocation at {Provider} failed for connection {ConnectionId}: {Reason}", connection.Provider, connection.Id, ex.Message);
                note = $"{connector.Name} did not confirm the revocation; the hub's copy of the credentials is deleted anyway.";
            }
        }
        await credentials.DeleteAsync(connection, ct);
        connection.Status = ConnectionStatus.Disabled;
        connection.StatusReason = "Disconnected.";
        connection.DisconnectedAt = clock.GetUtcNow();
        connection.CredentialVersion = null;
        connection.AccessTokenExpiresAt = null;
        connection.RefreshTokenExpiresAt = null;
        db.Audit(connection.TenantId, AuditActions.ConnectionDisconnected, actor, "connection", connection.Id.ToString(), new { connection.Provider, revoked = note is null });
        db.Emit(connection.TenantId, EventTypes.ConnectionDisconnected, new { connectionId = connection.Id, connection.Provider });
        await db.SaveChangesAsync(ct);
        return note;
    }
}
