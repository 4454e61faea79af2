namespace IntegrationHub.Simulators.OAuth;

/// <summary>What a user consented to: one app, some scopes, some companies/organisations.</summary>
public sealed class Grant
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    public string ClientId { get; set; } = "";
    public string Scope { get; set; } = "";
    public List<string> Tenants { get; set; } = [];
    /// <summary>Xero connection id per tenant, kept stable for <c>/connections</c>.</summary>
    public Dictionary<string, Guid> ConnectionIds { get; set; } = [];
    public Guid AuthEventId { get; set; } = Guid.NewGuid();
    public DateTimeOffset Created { get; set; }
    public bool Revoked { get; set; }
}

public sealed class AuthorizationCode
{
    public string ClientId { get; set; } = "";
    public string RedirectUri { get; set; } = "";
    public string? CodeChallenge { get; set; }
    public string? CodeChallengeMethod { get; set; }
    public DateTimeOffset Expires { get; set; }
    public bool Used { get; set; }
    public string GrantId { get; set; } = "";
}

public sealed class AccessTokenEntry
{
    public string GrantId { get; set; } = "";
    public DateTimeOffset Expires { get; set; }
}

public sealed class RefreshTokenEntry
{
    public string GrantId { get; set; } = "";
    public DateTimeOffset Expires { get; set; }
    /// <summary>When a newer token replaced this one (Xero rotation); still accepted during the grace period.</summary>
    public DateTimeOffset? SupersededAt { get; set; }
}

public sealed record TokenResponse(string AccessToken, string? RefreshToken, TimeSpan AccessLifetime, TimeSpan RefreshLifetime, Grant Grant);

/// <summary>An OAuth error as RFC 6749 section 5.2 names it, with the HTTP status the vendor uses.</summary>
public sealed class OAuthException(string error, int status = 400, string? description = null) : Exception(error)
{
    public string Error { get; } = error;
    public int Status { get; } = status;
    public string? Description { get; } = description;
}

/// <summary>Serialisable state of one vendor's authorization server (for snapshots).</summary>
public sealed class TokenState
{
    public Dictionary<string, Grant> Grants { get; set; } = [];
    public Dictionary<string, AuthorizationCode> Codes { get; set; } = [];
    public Dictionary<string, AccessTokenEntry> AccessTokens { get; set; } = [];
    public Dictionary<string, RefreshTokenEntry> RefreshTokens { get; set; } = [];
}
