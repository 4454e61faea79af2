namespace IntegrationHub.Web.Api;

// The connection layer's JSON shapes (/api/v1/catalog, /connections, /admin/connections) and the sync settings the wizard sends.

public sealed record CatalogEntity(string Canonical, string Remote, IReadOnlyList<string> Directions);

public sealed record CatalogEntry(string Key, string Name, string Category, string Description, string AuthKind,
    IReadOnlyList<string> Environments, string? WebhookScheme, IReadOnlyList<CatalogEntity> Entities)
{
    public bool UsesOAuth => AuthKind == "OAuth2AuthorizationCode";
}

public sealed record ConnectionInfo(Guid Id, string Provider, string ProviderName, string Environment, string DisplayName, string Status,
    string? StatusReason, string? ExternalTenantId, string? ExternalTenantName, IReadOnlyList<string> Scopes, DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt, DateTimeOffset? TokenRefreshedAt, DateTimeOffset CreatedAt, DateTimeOffset? ConnectedAt,
    DateTimeOffset? DisconnectedAt, DateTimeOffset? LastTestedAt, bool? LastTestSucceeded, string? LastTestMessage)
{
    public bool IsActive => Status == "active";
}

public sealed record NewConnection(string Provider, string? Environment, string? DisplayName);

public sealed record OAuthStart(string AuthorizeUrl, DateTimeOffset ExpiresAt);

public sealed record DisconnectResult(ConnectionInfo Connection, string? Note);

public sealed record Organisation(string Id, string Name);

/// <summary>Typed-in credentials; only the fields the provider's auth kind needs are sent.</summary>
public sealed record StaticCredentials(string? ApiKey, string? Username, string? Password, string? ClientId, string? ClientSecret);

/// <summary>Body of PUT /connections/{id}/sync-configs/{entity}: direction "inbound", "outbound" or "both".</summary>
public sealed record SyncConfigUpdate(bool Enabled, string Direction, int IntervalMinutes, string? Cron, string ConflictPolicy, string DeletePolicy);

public sealed record OperatorConnection(Guid Id, Guid TenantId, string TenantName, string Provider, string ProviderName, string Environment,
    string DisplayName, string Status, string? StatusReason, string? ExternalTenantName, DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt, DateTimeOffset? ConnectedAt, DateTimeOffset? LastTestedAt, bool? LastTestSucceeded, string? LastTestMessage);

public sealed record OperatorConnectionPage(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<OperatorConnection> Items, int Page, int PageSize, int Total);

public sealed record OperatorConnectionQuery(string? Status, string? Provider, int Page = 1, int PageSize = 50);

public sealed record PlatformQueueDepth(int QueuedRuns, int RunningRuns, long JobsEnqueued, long JobsProcessing, long JobsScheduled, long JobsFailed, long Workers);
public sealed record PlatformHourBucket(DateTimeOffset Hour, int Runs, int Failed, long Records);
public sealed record PlatformProviderHealth(string Provider, string ProviderName, int Runs, int Failed, double ErrorRate, double AverageSeconds, double SlowestSeconds,
    long RateLimitWaitMs);
public sealed record PlatformMetrics(DateTimeOffset Since, int Hours, PlatformQueueDepth Queue, IReadOnlyList<PlatformHourBucket> Throughput,
    IReadOnlyList<PlatformProviderHealth> Providers);

public sealed record ConnectionLimitUse(string Scope, string Kind, double? WindowSeconds, int Published, int Allowed, int Used, double Share);
public sealed record ConnectionRateBudget(bool Enabled, bool Available, DateTimeOffset? At, DateTimeOffset? BlockedUntil, IReadOnlyList<ConnectionLimitUse> Limits);
public sealed record ConnectionErrorRates(int Hours, int Runs, int FailedRuns, int RunsWithErrors, double RunErrorRate, long RecordsProcessed,
    long RecordsFailed, double RecordErrorRate, long RateLimitWaitMs);
public sealed record ConnectionHealthReport(Guid ConnectionId, ConnectionErrorRates Errors, ConnectionRateBudget RateBudget);
