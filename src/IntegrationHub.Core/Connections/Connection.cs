using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Connections;

public enum ConnectionStatus { Pending, Active, NeedsReauth, Error, Disabled }

/// <summary>
/// A tenant's link to one external system (one QBO company, one Xero organisation). Tokens live in the secret
/// store, never in this row; the row keeps only what may be shown: expiry times, scopes and the credential version.
/// A disconnected connection keeps its row (and so its history) with its credentials deleted.
/// </summary>
public sealed class Connection : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Provider { get; init; }
    public required string Environment { get; init; }
    public required string DisplayName { get; set; }
    public ConnectionStatus Status { get; set; } = ConnectionStatus.Pending;
    /// <summary>Why the status is what it is, in words a tenant admin can act on ("The provider refused the refresh token").</summary>
    public string? StatusReason { get; set; }
    public string? ExternalTenantId { get; set; }
    public string? ExternalTenantName { get; set; }
    public string[] Scopes { get; set; } = [];
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }
    public DateTimeOffset? TokenRefreshedAt { get; set; }
    public string? CredentialVersion { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public Guid? CreatedByUserId { get; init; }
    public DateTimeOffset? ConnectedAt { get; set; }
    public DateTimeOffset? DisconnectedAt { get; set; }
    public DateTimeOffset? LastTestedAt { get; set; }
    public bool? LastTestSucceeded { get; set; }
    public string? LastTestMessage { get; set; }
    /// <summary>PostgreSQL's xmin: concurrent status changes fail instead of overwriting each other.</summary>
    public uint RowVersion { get; set; }
}
