using System.Text.Json;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// Who did what, when. TenantId is null for platform-level events (operator creating a tenant, failed sign-in of an unknown user).
/// Data never holds secrets: writers pass only ids, names and non-secret settings.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; init; }
    public Guid? TenantId { get; init; }
    public DateTimeOffset OccurredAt { get; init; } = DateTimeOffset.UtcNow;
    public required string Action { get; init; }
    public required string ActorType { get; init; }
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string? TargetType { get; init; }
    public string? TargetId { get; init; }
    public JsonDocument? Data { get; init; }
    public string? IpAddress { get; init; }
}
