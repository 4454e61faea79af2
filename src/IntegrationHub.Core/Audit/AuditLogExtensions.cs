using System.Text.Json;
using IntegrationHub.Core.Persistence;

namespace IntegrationHub.Core.Audit;

public static class AuditLogExtensions
{
    /// <summary>Adds an audit event to the context; it is saved with the change it describes, in the same transaction.</summary>
    public static void Audit(this HubDbContext db, Guid? tenantId, string action, AuditActor actor,
        string? targetType = null, string? targetId = null, object? data = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            TenantId = tenantId,
            Action = action,
            ActorType = actor.Type,
            ActorId = actor.Id,
            ActorName = actor.Name,
            IpAddress = actor.IpAddress,
            TargetType = targetType,
            TargetId = targetId,
            Data = data is null ? null : JsonSerializer.SerializeToDocument(data, JsonSerializerOptions.Web),
        });
}
