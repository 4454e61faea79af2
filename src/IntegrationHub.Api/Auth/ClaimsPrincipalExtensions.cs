using System.Security.Claims;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Api.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The caller's tenant: from the API key, or from the portal session once its membership was confirmed.</summary>
    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(HubClaims.TenantId), out var id)
        && (user.HasClaim(c => c.Type == HubClaims.ApiKeyId) || user.HasClaim(c => c.Type == HubClaims.TenantRole))
            ? id
            : null;

    public static Guid? UserId(this ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == HubClaims.ApiKeyId) ? null
        : Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static TenantRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<TenantRole>(user.FindFirstValue(HubClaims.TenantRole), ignoreCase: true, out var role) ? role : null;

    public static bool IsOperator(this ClaimsPrincipal user) => user.IsInRole(HubClaims.OperatorRole);
}
