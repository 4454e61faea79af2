using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Core.Webhooks.Outbound;

public enum WebhookMessageStatus { Pending, Sending, Succeeded, Failed, DeadLettered }

/// <summary>
/// One event for one endpoint. The body is fixed when the message is created (so every attempt and every signature is
/// over the same bytes); <see cref="MessageId"/> is the webhook-id the receiver dedupes on.
/// </summary>
public sealed class WebhookMessage : ITenantOwned
{
    public long Id { get; init; }
    public string MessageId { get; init; } = "msg_" + Guid.CreateVersion7().ToString("N");
    public Guid TenantId { get; set; }
    public Guid EndpointId { get; init; }
    public Guid EventId { get; init; }
    public required string EventType { get; init; }
    public required string Body { get; init; }
    public WebhookMessageStatus Status { get; set; } = WebhookMessageStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One HTTP attempt: when, what came back, how long it took, the start of the response body.</summary>
public sealed class WebhookAttempt : ITenantOwned
{
    public const int MaxBodyChars = 1000;
    public long Id { get; init; }
    public Guid TenantId { get; set; }
    public long MessageId { get; init; }
    public Guid EndpointId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    public string? ResponseBody { get; init; }
    public string? Error { get; init; }
}
