namespace IntegrationHub.Core.Connectors;

/// <summary>
/// What a connector's metadata file (connector.json in its folder) declares: everything about a provider that is
/// data rather than code. The engine, the connection layer and the portal catalog all read provider facts here.
/// </summary>
public sealed record ConnectorMetadata(
    string Key,
    string Name,
    string Category,
    string Description,
    AuthMetadata Auth,
    TenantKeyMetadata? TenantKey,
    IReadOnlyDictionary<string, EnvironmentMetadata> Environments,
    IReadOnlyList<RateLimitDimension> RateLimits,
    WebhookMetadata? Webhooks,
    IReadOnlyList<EntityMetadata> Entities,
    string? HealthCheckPath = null)
{
    public EnvironmentMetadata Environment(string name) =>
        Environments.TryGetValue(name, out var env) ? env
            : throw new ArgumentException($"{Name} has no '{name}' environment (known: {string.Join(", ", Environments.Keys)}).", nameof(name));
}

public enum AuthKind { OAuth2AuthorizationCode, OAuth2ClientCredentials, ApiKey, Basic }

/// <summary>How the client authenticates at the token endpoint: HTTP Basic header or client_id/client_secret in the form body.</summary>
public enum ClientAuthMethod { Basic, Body }

public sealed record AuthMetadata(
    AuthKind Kind,
    ClientAuthMethod ClientAuth = ClientAuthMethod.Basic,
    bool Pkce = false,
    IReadOnlyList<string>? Scopes = null,
    TimeSpan? AccessTokenLifetime = null,
    TimeSpan? RefreshTokenLifetime = null,
    bool RefreshTokenRolling = false,
    bool RotatesRefreshToken = false,
    TimeSpan? RefreshTokenReuseGrace = null,
    TimeSpan? RefreshMargin = null,
    string? ApiKeyHeader = null);

/// <summary>Which external tenant a token addresses: QBO's realmId on the redirect, Xero's tenantId from /connections, …</summary>
public sealed record TenantKeyMetadata(string Name, string Source, string? Header = null);

public sealed record EnvironmentMetadata(
    string? AuthorizeUrl = null,
    string? TokenUrl = null,
    string? RevokeUrl = null,
    string? ConnectionsUrl = null,
    string ApiBaseUrl = "");

/// <summary>
/// A published limit: Count calls per Window, or at most Concurrent in flight, per connection, external tenant or app.
/// RemainingHeader names the response header in which the provider reports what is left of this window (Xero's
/// X-MinLimit-Remaining); the shared budget lowers itself when the provider counts more than the hub did.
/// </summary>
public sealed record RateLimitDimension(string Scope, int? Count = null, TimeSpan? Window = null, int? Concurrent = null, string? RemainingHeader = null);

public sealed record WebhookMetadata(string Scheme, string? SignatureHeader = null, bool Handshake = false, TimeSpan? AckDeadline = null);

/// <summary>
/// One entity the connector syncs. <see cref="RequiredFields"/> (canonical paths, "[]" for every element) and
/// <see cref="FieldTypes"/> (path → string | number | boolean | date | array | object) are the provider's rules that the
/// mapping checks before a push; both are optional in connector.json.
/// </summary>
public sealed record EntityMetadata(string Canonical, string Remote, IReadOnlyList<string> Directions,
    IReadOnlyList<string>? RequiredFields = null, IReadOnlyDictionary<string, string>? FieldTypes = null);
