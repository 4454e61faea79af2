using System.Text.Json;

namespace IntegrationHub.Web.Api;

// Outbound webhook subscriptions, their delivery log and the inbound provider event log, as /api/v1 writes them.

public sealed record WebhookEndpointInfo(Guid Id, string Url, string? Description, IReadOnlyList<string> EventTypes, bool Enabled, string? DisabledReason,
    bool Ordered, int? RateLimitPerSecond, DateTimeOffset? PreviousSecretUntil, DateTimeOffset? FailingSince, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The create response: the only time the signing secret is readable.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointInfo Endpoint, string Secret);

/// <summary>The rotate response: the new secret (shown once) and until when the previous one still signs.</summary>
public sealed record RotatedWebhookSecret(string Secret, DateTimeOffset? PreviousSecretUntil);

public sealed record NewWebhookEndpoint(string Url, string? Description, IReadOnlyList<string> EventTypes);

public sealed record WebhookMessageInfo(long Id, string MessageId, Guid EndpointId, Guid EventId, string EventType, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, int? LastStatusCode, string? LastError,
    JsonElement? Payload);

public sealed record WebhookMessagePage(IReadOnlyList<WebhookMessageInfo> Items, int Page, int PageSize, int Total);

public sealed record WebhookAttemptInfo(long Id, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? ResponseBody, string? Error);

public sealed record WebhookRecovered(int Requeued);

public sealed record InboundEventInfo(long Id, string Source, string Type, string Status, int Attempts, string? Error,
    DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, DateTimeOffset? NextAttemptAt, JsonElement Payload);

public sealed record InboundEventPage(IReadOnlyList<InboundEventInfo> Items, int Page, int PageSize, int Total);
