using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// A tenant's subscription: where to send, which event types (exact or "prefix.*" wildcards, "*" for all), and how.
/// The signing secret lives in the secret store (<see cref="SecretName"/>); during a rotation the previous version
/// keeps signing until <see cref="PreviousSecretUntil"/>.
/// </summary>
public sealed class WebhookEndpoint : ITenantOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }
    public string[] EventTypes { get; set; } = [];
    public bool Enabled { get; set; } = true;
    public string? DisabledReason { get; set; }
    /// <summary>FIFO: a message is sent only after every earlier message to this endpoint succeeded or was dead-lettered.</summary>
    public bool Ordered { get; set; }
    /// <summary>At most this many deliveries per second to this endpoint (null = unlimited).</summary>
    public int? RateLimitPerSecond { get; set; }
    public string SecretVersion { get; set; } = "";
    public string? PreviousSecretVersion { get; set; }
    public DateTimeOffset? PreviousSecretUntil { get; set; }
    /// <summary>Start of the current run of failed attempts; cleared by any success. Five days of it disables the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public string SecretName => $"tenants/{TenantId}/webhook-endpoints/{Id}/secret";
}
