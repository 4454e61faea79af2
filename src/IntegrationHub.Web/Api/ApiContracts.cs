using System.Text.Json;

namespace IntegrationHub.Web.Api;

// The Api's JSON shapes (/api/v1), as the portal reads and writes them. Roles are "owner", "admin" or "viewer".

public sealed record Me(Guid UserId, string Email, string? DisplayName, Guid? TenantId, string? TenantName, string? Role,
    bool IsOperator, IReadOnlyList<TenantRef> Tenants);

public sealed record TenantRef(Guid Id, string Name, string Slug, string? Role);

public sealed record TenantSummary(Guid Id, string Name, string Slug, DateTimeOffset CreatedAt, int UserCount, int ApiKeyCount);

public sealed record TenantUser(Guid UserId, string Email, string? DisplayName, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

public sealed record NewUser(string Email, string DisplayName, string Password, string Role);

public sealed record ApiKeyInfo(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? CreatedBy)
{
    public bool IsRevoked => RevokedAt is not null;
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } e && e <= now;
}

public sealed record NewApiKey(string Name, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt);

/// <summary>The only response that carries the full key; the portal shows it once and keeps it nowhere.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, string Key);

public sealed record AuditQuery(string? Action, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 50, string? Actor = null);

public sealed record AuditPage(IReadOnlyList<AuditItem> Items, int Page, int PageSize, int Total);

public sealed record AuditItem(long Id, DateTimeOffset OccurredAt, string Action, string ActorType, string? ActorId, string? ActorName,
    string? TargetType, string? TargetId, JsonElement? Data, string? IpAddress);

public sealed record AdminTenant(Guid Id, string Name, string Slug, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, int UserCount);

public sealed record NewTenant(string Name, string OwnerEmail, string OwnerDisplayName, string OwnerPassword);
