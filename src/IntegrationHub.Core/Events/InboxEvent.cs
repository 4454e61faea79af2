using System.Text.Json;

namespace IntegrationHub.Core.Events;

public enum InboxStatus { Received, Processing, Processed, Failed, Ignored }

/// <summary>
/// An event received from outside (a host-app domain event, a provider webhook), stored once per
/// (Source, DedupeKey) before it is acknowledged and processed; a redelivery finds the row and is not processed twice.
/// </summary>
public sealed class InboxEvent : Tenancy.ITenantOwned
{
    public long Id { get; init; }
    /// <summary>"host" for host-app events, the connector key for provider webhooks.</summary>
    public required string Source { get; init; }
    /// <summary>The sender's event id (or a hash of the delivery when it has none).</summary>
    public required string DedupeKey { get; init; }
    public Guid TenantId { get; set; }
    public Guid? ConnectionId { get; init; }
    public required string Type { get; init; }
    public required JsonDocument Payload { get; init; }
    public InboxStatus Status { get; set; } = InboxStatus.Received;
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>Earliest time a failed event is tried again.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
}
