using System.Security.Claims;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Auth;

/// <summary>
/// A portal cookie only says which user and which tenant they chose; the role is looked up on every request, so a
/// removed member or a changed role takes effect at once instead of when the 12-hour cookie expires.
/// </summary>
public sealed class PortalMembershipTransformation(HubDbContext db) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true, AuthenticationType: PortalSession.Scheme } identity
            || principal.HasClaim(c => c.Type == HubClaims.TenantRole && c.Issuer == Issuer)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return principal;
        }

        foreach (var stale in identity.FindAll(c => c.Type is HubClaims.TenantRole or ClaimTypes.Role).ToList()) identity.RemoveClaim(stale);

        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { IsOperator = db.UserRoles.Any(r => r.UserId == u.Id && db.Roles.Any(x => x.Id == r.RoleId && x.Name == HubClaims.OperatorRole)) })
            .FirstOrDefaultAsync();
        if (user is null)
        {
            // The user was deleted: keep them authenticated as nobody with no tenant.
            foreach (var tenant in identity.FindAll(HubClaims.TenantId).ToList()) identity.RemoveClaim(tenant);
            return principal;
        }
        if (user.IsOperator) identity.AddClaim(new Claim(ClaimTypes.Role, HubClaims.OperatorRole, ClaimValueTypes.String, Issuer));

        TenantRole? role = null;
        if (Guid.TryParse(principal.FindFirstValue(HubClaims.TenantId), out var tenantId))
        {
            // A disabled tenant is closed to everyone, operators included (they re-enable it through /admin/tenants).
            if (await db.Tenants.AnyAsync(t => t.Id == tenantId && t.DisabledAt == null))
            {
                role = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
                    .Where(m => m.TenantId == tenantId && m.UserId == userId).Select(m => (TenantRole?)m.Role).FirstOrDefaultAsync();
                if (role is null && user.IsOperator) role = TenantRole.Owner;
            }
        }
        if (role is { } r) identity.AddClaim(new Claim(HubClaims.TenantRole, r.ToString().ToLowerInvariant(), ClaimValueTypes.String, Issuer));
        else foreach (var tenant in identity.FindAll(HubClaims.TenantId).ToList()) identity.RemoveClaim(tenant);
        return principal;
    }

    private const string Issuer = "hub-api";
}
