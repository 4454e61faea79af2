using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// One authorization attempt. The state sent to the provider is random; only its SHA-256 is stored, so a database
/// reader cannot complete someone else's flow. Single use, 10-minute expiry, bound to tenant, user and connection.
/// The PKCE verifier is kept encrypted with the Data Protection key ring.
/// </summary>
public sealed class OAuthState : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ConnectionId { get; init; }
    public Guid? UserId { get; init; }
    public required byte[] StateHash { get; init; }
    public string? ProtectedCodeVerifier { get; init; }
    public required string RedirectUri { get; init; }
    public string? ReturnUrl { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? ConsumedAt { get; set; }

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
}
