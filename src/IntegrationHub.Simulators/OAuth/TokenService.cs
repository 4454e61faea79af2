using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.OAuth;

/// <summary>
/// One vendor's authorization server: codes, access and refresh tokens, rotation and revocation.
/// QBO keeps its refresh token and rolls its expiry forward; Xero issues a new one every time and
/// accepts the previous one for a grace period.
/// </summary>
public sealed class TokenService(Func<VendorOptions> options, TimeProvider time, bool rotateRefreshTokens)
{
    private readonly Lock _gate = new();
    private TokenState _state = new();

    public string IssueCode(string clientId, string redirectUri, string scope, IReadOnlyList<string> tenants, string? challenge, string? method)
    {
        var now = time.GetUtcNow();
        var grant = new Grant { ClientId = clientId, Scope = scope, Tenants = [.. tenants], Created = now };
        foreach (var tenant in tenants) grant.ConnectionIds[tenant] = Guid.NewGuid();
        var code = NewToken(24);
        lock (_gate)
        {
            _state.Grants[grant.Id] = grant;
            _state.Codes[code] = new AuthorizationCode
            {
                ClientId = clientId, RedirectUri = redirectUri, CodeChallenge = challenge, CodeChallengeMethod = method,
                Expires = now + options().AuthorizationCodeLifetime, GrantId = grant.Id,
            };
        }
        return code;
    }

    public TokenResponse RedeemCode(string code, string clientId, string? redirectUri, string? verifier, bool issueRefresh = true)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_state.Codes.TryGetValue(code, out var entry) || entry.Used || entry.Expires <= now || entry.ClientId != clientId)
            {
                // A replayed code also kills what it issued: RFC 6749 section 4.1.2 recommends it.
                if (entry is { Used: true } && _state.Grants.TryGetValue(entry.GrantId, out var replayed)) replayed.Revoked = true;
                throw new OAuthException("invalid_grant");
            }
            if (redirectUri is not null && redirectUri != entry.RedirectUri) throw new OAuthException("invalid_grant");
            if (entry.CodeChallenge is not null && !Pkce.Verify(entry.CodeChallenge, entry.CodeChallengeMethod, verifier))
                throw new OAuthException("invalid_grant", 400, "code_verifier does not match");
            entry.Used = true;
            return Issue(_state.Grants[entry.GrantId], issueRefresh, now);
        }
    }

    public TokenResponse Refresh(string refreshToken, string clientId)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_state.RefreshTokens.TryGetValue(refreshToken, out var entry) || entry.Expires <= now)
                throw new OAuthException("invalid_grant");
            var grant = _state.Grants[entry.GrantId];
            if (grant.Revoked || grant.ClientId != clientId) throw new OAuthException("invalid_grant");
            if (entry.SupersededAt is { } superseded && now - superseded > options().RefreshTokenGrace)
                throw new OAuthException("invalid_grant");
            if (!rotateRefreshTokens)
            {
                entry.Expires = now + options().RefreshTokenLifetime!.Value;
                return IssueAccess(grant, refreshToken, now);
            }
            entry.SupersededAt ??= now;
            return Issue(grant, true, now);
        }
    }

    /// <summary>Revoking either token ends the whole grant, as both vendors do.</summary>
    public bool Revoke(string token, string? clientId)
    {
        lock (_gate)
        {
            var grantId = _state.RefreshTokens.GetValueOrDefault(token)?.GrantId ?? _state.AccessTokens.GetValueOrDefault(token)?.GrantId;
            if (grantId is null || !_state.Grants.TryGetValue(grantId, out var grant)) return false;
            if (clientId is not null && grant.ClientId != clientId) return false;
            grant.Revoked = true;
            return true;
        }
    }

    public int RevokeWhere(Func<Grant, bool> predicate)
    {
        lock (_gate)
        {
            var grants = _state.Grants.Values.Where(g => !g.Revoked && predicate(g)).ToList();
            grants.ForEach(g => g.Revoked = true);
            return grants.Count;
        }
    }

    /// <summary>The grant behind a live access token, or null when unknown, expired or revoked.</summary>
    public Grant? Validate(string accessToken)
    {
        lock (_gate)
        {
            if (!_state.AccessTokens.TryGetValue(accessToken, out var entry) || entry.Expires <= time.GetUtcNow()) return null;
            return _state.Grants.TryGetValue(entry.GrantId, out var grant) && !grant.Revoked ? grant : null;
        }
    }

    public void Disconnect(Grant grant, string tenant)
    {
        lock (_gate)
        {
            grant.Tenants.Remove(tenant);
            grant.ConnectionIds.Remove(tenant);
        }
    }

    /// <summary>Serialised inside the lock so a snapshot never sees a half-made token.</summary>
    public System.Text.Json.Nodes.JsonNode? Export()
    {
        lock (_gate) return System.Text.Json.JsonSerializer.SerializeToNode(_state);
    }

    public void Import(TokenState state)
    {
        lock (_gate) _state = state;
    }

    private TokenResponse Issue(Grant grant, bool issueRefresh, DateTimeOffset now)
    {
        string? refresh = null;
        if (issueRefresh)
        {
            refresh = NewToken(32);
            _state.RefreshTokens[refresh] = new RefreshTokenEntry { GrantId = grant.Id, Expires = now + options().RefreshTokenLifetime!.Value };
        }
        return IssueAccess(grant, refresh, now);
    }

    private TokenResponse IssueAccess(Grant grant, string? refresh, DateTimeOffset now)
    {
        var access = NewToken(40);
        var lifetime = options().AccessTokenLifetime!.Value;
        _state.AccessTokens[access] = new AccessTokenEntry { GrantId = grant.Id, Expires = now + lifetime };
        PruneExpired(now);
        return new TokenResponse(access, refresh, lifetime, options().RefreshTokenLifetime!.Value, grant);
    }

    private void PruneExpired(DateTimeOffset now)
    {
        // Cheap amortised cleanup so a long benchmark does not grow the table without bound.
        if (_state.AccessTokens.Count < 10_000) return;
        foreach (var key in _state.AccessTokens.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList()) _state.AccessTokens.Remove(key);
    }

    private static string NewToken(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}

/// <summary>RFC 7636 code challenge check.</summary>
public static class Pkce
{
    public static bool Verify(string challenge, string? method, string? verifier)
    {
        if (string.IsNullOrEmpty(verifier)) return false;
        var expected = string.Equals(method, "S256", StringComparison.Ordinal)
            ? System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            : verifier;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(challenge));
    }
}
