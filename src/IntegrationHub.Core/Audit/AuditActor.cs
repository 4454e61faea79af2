using System.Security.Claims;
using IntegrationHub.Core.Identity;

namespace IntegrationHub.Core.Audit;

/// <summary>Who an audit event is attributed to: a portal user, an API key or the system itself.</summary>
public sealed record AuditActor(string Type, string? Id, string? Name, string? IpAddress = null)
{
    public static readonly AuditActor System = new("system", null, "IntegrationHub");

    public static AuditActor From(ClaimsPrincipal principal, string? ipAddress) =>
        principal.FindFirstValue(HubClaims.ApiKeyId) is { } keyId
            ? new AuditActor("api_key", keyId, principal.Identity?.Name, ipAddress)
            : new AuditActor("user", principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity?.Name, ipAddress);
}
