using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.ApiKeys;

/// <summary>A host-app credential. Only a SHA-256 of the secret is stored; the prefix identifies it in lists and logs.</summary>
public sealed class ApiKey : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; init; }
    public required byte[] SecretHash { get; init; }
    public string[] Scopes { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public Guid? CreatedByUserId { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
