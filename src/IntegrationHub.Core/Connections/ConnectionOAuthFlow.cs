using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// The authorization-code flow: Start records a single-use state (and PKCE verifier where the provider supports it)
/// bound to tenant, user and connection; Complete validates and consumes the state, exchanges the code with the
/// provider's client authentication, learns the external tenant and activates the connection. Any failure leaves
/// nothing stored.
/// </summary>
public sealed class ConnectionOAuthFlow(
    HubDbContext db, ConnectorCatalog catalog, OAuthClient oauth, ExternalTenants externalTenants,
    ConnectionCredentials credentials, IDataProtectionProvider protection, TimeProvider clock, ILogger<ConnectionOAuthFlow> logger)
{
    private IDataProtector Verifiers => protection.CreateProtector("IntegrationHub.OAuth.PkceVerifier");

    public async Task<(string AuthorizeUrl, DateTimeOffset ExpiresAt)> StartAsync(Connection connection, Guid? userId, string redirectUri, string? returnUrl, AuditActor actor, CancellationToken ct)
    {
        var connector = catalog.Find(connection.Provider)!;
        if (connector.Auth.Kind != AuthKind.OAuth2AuthorizationCode)
            throw new InvalidOperationException($"{connector.Name} does not use the OAuth authorization-code flow.");
        var state = Pkce.NewState();
        var verifier = connector.Auth.Pkce ? Pkce.NewVerifier() : null;
        var now = clock.GetUtcNow();
        var row = new OAuthState
        {
            TenantId = connection.TenantId, ConnectionId = connection.Id, UserId = userId, StateHash = Pkce.HashState(state),
            ProtectedCodeVerifier = verifier is null ? null : Verifiers.Protect(verifier), RedirectUri = redirectUri, ReturnUrl = returnUrl,
            CreatedAt = now, ExpiresAt = now + OAuthState.Lifetime,
        };
        // Built first: without app credentials for this environment it fails before anything is stored.
        var url = await oauth.AuthorizeUrlAsync(connector, connection.Environment, redirectUri, state, verifier is null ? null : Pkce.Challenge(verifier), ct);
        db.OAuthStates.Add(row);
        db.Audit(connection.TenantId, AuditActions.ConnectionAuthorizationStarted, actor, "connection", connection.Id.ToString(), new { connection.Provider });
        await db.SaveChangesAsync(ct);
        return (url, row.ExpiresAt);
    }

    public async Task<OAuthCallbackResult> CompleteAsync(string? state, string? code, string? realmId, string? error, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(state)) return OAuthCallbackResult.Fail("Missing state", "The provider's redirect carried no state; start the connection again from the portal.");
        var hash = Pkce.HashState(state);
        var row = await db.OAuthStates.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.StateHash == hash, ct);
        if (row is null) return OAuthCallbackResult.Fail("Unknown state", "This authorization link is not one the hub issued; start the connection again from the portal.");

        // Consume atomically: of two concurrent callbacks with one state, exactly one proceeds.
        var now = clock.GetUtcNow();
        var consumed = await db.OAuthStates.IgnoreQueryFilters().Where(s => s.Id == row.Id && s.ConsumedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumedAt, now), ct);
        if (consumed == 0)
        {
            return row.ConsumedAt is not null
                ? OAuthCallbackResult.Fail("Link already used", "This authorization was already completed or attempted; start again from the portal.", row.ConnectionId, row.ReturnUrl)
                : OAuthCallbackResult.Fail("Link expired", "Authorization links are valid for 10 minutes; start again from the portal.", row.ConnectionId, row.ReturnUrl);
        }

        var connection = await db.Connections.IgnoreQueryFilters().FirstAsync(c => c.Id == row.ConnectionId, ct);
        var connector = catalog.Find(connection.Provider)!;
        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            return await FailAsync(connection, row, "Authorization not granted",
                $"{connector.Name} returned '{(string.IsNullOrEmpty(error) ? "no code" : error)}'. Nothing was stored; you can try again.", ct);
        }

        TokenSet tokens;
        try
        {
            var verifier = row.ProtectedCodeVerifier is null ? null : Verifiers.Unprotect(row.ProtectedCodeVerifier);
            tokens = await oauth.ExchangeCodeAsync(connector, connection.Environment, code, row.RedirectUri, verifier, ct);
        }
        catch (OAuthException ex)
        {
            return await FailAsync(connection, row, "Code exchange failed", $"{connector.Name} refused the authorization code ({ex.Error}). Nothing was stored.", ct);
        }
        catch (HttpRequestException)
        {
            return await FailAsync(connection, row, "Provider unreachable", $"{connector.Name} could not be reached to exchange the code. Nothing was stored.", ct);
        }
        return await ActivateAsync(connection, connector, row, tokens, realmId, ct);
    }

    private async Task<OAuthCallbackResult> ActivateAsync(Connection connection, ConnectorMetadata connector, OAuthState row, TokenSet tokens, string? realmId, CancellationToken ct)
    {
        ExternalTenant? chosen = null;
        IReadOnlyList<ExternalTenant> granted = [];
        if (connector.TenantKey?.Source == "redirect")
        {
            if (string.IsNullOrEmpty(realmId)) return await FailAsync(connection, row, "Company missing", $"{connector.Name} did not say which company was authorised.", ct);
            chosen = new ExternalTenant(realmId, connection.ExternalTenantId == realmId && connection.ExternalTenantName is { } n ? n : $"{connector.Name} company {realmId}");
        }
        else if (connector.TenantKey?.Source == "connections")
        {
            granted = await externalTenants.ListAsync(connector, connection.Environment, tokens.AccessToken, ct);
            if (granted.Count == 0) return await FailAsync(connection, row, "No organisation", $"The {connector.Name} grant includes no organisation.", ct);
            chosen = granted.Count == 1 ? granted[0] : granted.FirstOrDefault(g => g.Id == connection.ExternalTenantId);
        }

        if (chosen is not null && await ConflictingConnectionAsync(connection, chosen.Id, ct) is { } other)
            return await FailAsync(connection, row, "Already connected", $"{chosen.Name} is already connected as '{other}'. Nothing was stored.", ct);

        await credentials.SaveAsync(connection, tokens, ct);
        connection.DisconnectedAt = null;
        var actor = await CallbackActorAsync(row, ct);
        if (chosen is null)
        {
            // Several organisations and none chosen yet: keep the grant, wait for the tenant admin's choice.
            connection.Status = ConnectionStatus.Pending;
            connection.StatusReason = $"Choose which of the {granted.Count} {connector.Name} organisations to connect.";
        }
        else
        {
            Activate(connection, chosen, actor);
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Connection {ConnectionId} ({Provider}) authorised; status {Status}", connection.Id, connection.Provider, connection.Status);
        return new OAuthCallbackResult(true, connection.Id, row.ReturnUrl, chosen is null ? "Choose an organisation" : "Connected",
            chosen is null ? connection.StatusReason! : $"{connector.Name}: {chosen.Name} is connected.", NeedsOrganisationChoice: chosen is null);
    }

    /// <summary>Completes a multi-organisation grant with the admin's choice among the organisations the token grants.</summary>
    public async Task<string?> ChooseOrganisationAsync(Connection connection, string externalTenantId, AuditActor actor, string accessToken, CancellationToken ct)
    {
        var connector = catalog.Find(connection.Provider)!;
        var granted = await externalTenants.ListAsync(connector, connection.Environment, accessToken, ct);
        var chosen = granted.FirstOrDefault(g => g.Id == externalTenantId);
        if (chosen is null) return "That organisation is not part of this grant.";
        if (await ConflictingConnectionAsync(connection, chosen.Id, ct) is { } other) return $"{chosen.Name} is already connected as '{other}'.";
        Activate(connection, chosen, actor);
        await db.SaveChangesAsync(ct);
        return null;
    }

    private void Activate(Connection connection, ExternalTenant chosen, AuditActor actor)
    {
        connection.ExternalTenantId = chosen.Id;
        connection.ExternalTenantName = chosen.Name;
        connection.Status = ConnectionStatus.Active;
        connection.StatusReason = null;
        connection.ConnectedAt = clock.GetUtcNow();
        db.Audit(connection.TenantId, AuditActions.ConnectionActivated, actor, "connection", connection.Id.ToString(),
            new { connection.Provider, externalTenantId = chosen.Id, externalTenantName = chosen.Name });
        db.Emit(connection.TenantId, EventTypes.ConnectionActivated, new { connectionId = connection.Id, connection.Provider, externalTenantId = chosen.Id });
    }

    /// <summary>The callback has no session of its own: it acts for whoever started the flow (a portal user, or an API key's caller).</summary>
    private async Task<AuditActor> CallbackActorAsync(OAuthState row, CancellationToken ct) =>
        row.UserId is { } userId
            ? new AuditActor("user", userId.ToString(), await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct))
            : new AuditActor("oauth_callback", null, "OAuth consent (started by API key)");

    private Task<string?> ConflictingConnectionAsync(Connection connection, string externalTenantId, CancellationToken ct) =>
        db.Connections.IgnoreQueryFilters()
            .Where(c => c.TenantId == connection.TenantId && c.Provider == connection.Provider && c.ExternalTenantId == externalTenantId
                        && c.DisconnectedAt == null && c.Id != connection.Id)
            .Select(c => c.DisplayName).FirstOrDefaultAsync(ct);

    private async Task<OAuthCallbackResult> FailAsync(Connection connection, OAuthState row, string title, string detail, CancellationToken ct)
    {
        db.Audit(connection.TenantId, AuditActions.ConnectionAuthorizationFailed, await CallbackActorAsync(row, ct),
            "connection", connection.Id.ToString(), new { connection.Provider, reason = title });
        await db.SaveChangesAsync(ct);
        return OAuthCallbackResult.Fail(title, detail, connection.Id, row.ReturnUrl);
    }
}
