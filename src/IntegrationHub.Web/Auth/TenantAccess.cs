using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Web.Auth;

/// <summary>The tenant a session acts for, and the user's role there (null for an operator who is not a member).</summary>
public sealed record TenantAccess(Guid TenantId, TenantRole? Role)
{
    /// <summary>
    /// The tenant a user may act for: <paramref name="wanted"/> when given, otherwise the first of their memberships
    /// (an operator without memberships gets the first tenant). Memberships span tenants, so the tenant filter is bypassed
    /// here on purpose. A disabled tenant is closed to everyone, as in the Api; operators re-enable it from the tenants page.
    /// </summary>
    public static async Task<TenantAccess?> ResolveAsync(HubDbContext db, Guid userId, bool isOperator, Guid? wanted, CancellationToken ct)
    {
        var membership = await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == userId && (wanted == null || m.TenantId == wanted) && m.Tenant!.DisabledAt == null)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Tenant!.Name)
            .Select(m => new TenantAccess(m.TenantId, m.Role))
            .FirstOrDefaultAsync(ct);
        if (membership is not null || !isOperator) return membership;

        var tenantId = await db.Tenants
            .Where(t => (wanted == null || t.Id == wanted) && t.DisabledAt == null)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Name)
            .Select(t => (Guid?)t.Id)
            .FirstOrDefaultAsync(ct);
        return tenantId is { } id ? new TenantAccess(id, null) : null;
    }
}
