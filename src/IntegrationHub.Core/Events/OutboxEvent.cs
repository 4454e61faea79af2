using System.Text.Json;
using IntegrationHub.Core.Persistence;

namespace IntegrationHub.Core.Events;

/// <summary>
/// An event written in the same transaction as the change it announces; a relay publishes it to Redis Streams
/// afterwards, so a Redis outage delays events and never loses them.
/// </summary>
public sealed class OutboxEvent
{
    public long Id { get; init; }
    public Guid EventId { get; init; } = UuidV7.New();
    public Guid TenantId { get; init; }
    public required string Type { get; init; }
    public required JsonDocument Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>When the webhook fan-out turned this event into messages for the tenant's matching endpoints.</summary>
    public DateTimeOffset? WebhookFanoutAt { get; set; }
}

public static class EventTypes
{
    public const string ConnectionNeedsReauth = "connection.needs_reauth";
    public const string ConnectionActivated = "connection.activated";
    public const string ConnectionDisconnected = "connection.disconnected";
    public const string ProviderClientSecretRotationDue = "provider.client_secret_rotation_due";
    public const string RecordCreated = "record.created";
    public const string RecordUpdated = "record.updated";
    public const string RecordDeleted = "record.deleted";
    public const string SyncRunCompleted = "sync_run.completed";
    public const string SyncRunFailed = "sync_run.failed";
    public const string ConflictOpened = "conflict.opened";
    public const string InvoicePaid = "invoice.paid";
    public const string EndpointDisabled = "endpoint.disabled";

    /// <summary>Platform events (not about one tenant) are written with this tenant id and go to the operators' stream.</summary>
    public static readonly Guid PlatformTenant = Guid.Empty;
}

public static class OutboxExtensions
{
    public static void Emit(this Persistence.HubDbContext db, Guid tenantId, string type, object payload) =>
        db.OutboxEvents.Add(new OutboxEvent { TenantId = tenantId, Type = type, Payload = JsonSerializer.SerializeToDocument(payload, JsonSerializerOptions.Web) });
}
