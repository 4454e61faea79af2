using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class MeEndpoints
{
    public sealed record TenantChoice(Guid Id, string Name, string Slug, string? Role);
    public sealed record MeResponse(Guid? UserId, string? Email, string? DisplayName, Guid? TenantId, string? TenantName,
        string? Role, bool IsOperator, string? ApiKeyId, IReadOnlyList<TenantChoice> Tenants);

    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithName("GetMe").WithSummary("Who the caller is and which tenants they may act in.").RequireAuthorization();
        return api;
    }

    private static async Task<Ok<MeResponse>> GetMe(HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var user = http.User;
        var tenantId = user.TenantId();
        var tenantName = tenantId is null ? null : await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (user.UserId() is not { } userId)
        {
            var keyTenants = tenantId is null ? [] : new[] { new TenantChoice(tenantId.Value, tenantName ?? "", "", null) };
            return TypedResults.Ok(new MeResponse(null, null, null, tenantId, tenantName, null, false,
                user.FindFirst(Core.Identity.HubClaims.ApiKeyId)?.Value, keyTenants));
        }

        var profile = await db.Users.Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        var tenants = user.IsOperator()
            ? await db.Tenants.OrderBy(t => t.Name)
                .Select(t => new TenantChoice(t.Id, t.Name, t.Slug,
                    db.Memberships.IgnoreQueryFilters().Where(m => m.TenantId == t.Id && m.UserId == userId).Select(m => m.Role.ToString()).FirstOrDefault()))
                .ToListAsync(ct)
            : await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == userId && m.Tenant!.DisabledAt == null)
                .OrderBy(m => m.Tenant!.Name)
                .Select(m => new TenantChoice(m.TenantId, m.Tenant!.Name, m.Tenant.Slug, m.Role.ToString()))
                .ToListAsync(ct);
        return TypedResults.Ok(new MeResponse(userId, profile?.Email, profile?.DisplayName, tenantId, tenantName,
            user.Role()?.ToString().ToLowerInvariant(), user.IsOperator(), null,
            tenants.Select(t => t with { Role = t.Role?.ToLowerInvariant() }).ToList()));
    }

    internal static string Lower(this TenantRole role) => role.ToString().ToLowerInvariant();
}
