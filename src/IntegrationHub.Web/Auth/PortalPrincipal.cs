using System.Security.Claims;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// The claims of the portal session cookie. The Api reads the same cookie, so these claims are a contract:
/// it trusts the user id and the chosen tenant, and looks the membership up again on each request.
/// </summary>
public static class PortalPrincipal
{
    /// <summary>Identity's claim type for the security stamp; kept so Identity's stamp validator, if a service enables it, accepts the session.</summary>
    private const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    public static ClaimsPrincipal Create(HubUser user, TenantAccess access, bool isOperator)
    {
        var identity = new ClaimsIdentity(PortalSession.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()));
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Email ?? user.UserName ?? user.Id.ToString()));
        identity.AddClaim(new Claim(HubClaims.TenantId, access.TenantId.ToString()));
        if (access.Role is { } role) identity.AddClaim(new Claim(HubClaims.TenantRole, RoleName(role)));
        if (isOperator) identity.AddClaim(new Claim(ClaimTypes.Role, HubClaims.OperatorRole));
        if (user.SecurityStamp is { } stamp) identity.AddClaim(new Claim(SecurityStampClaim, stamp));
        return new ClaimsPrincipal(identity);
    }

    public static string RoleName(TenantRole role) => role.ToString().ToLowerInvariant();

    public static Guid? UserId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? TenantId(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(HubClaims.TenantId), out var id) ? id : null;
}
