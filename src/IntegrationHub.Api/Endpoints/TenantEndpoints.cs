using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

public static class TenantEndpoints
{
    public sealed record TenantResponse(Guid Id, string Name, string Slug, DateTimeOffset CreatedAt, int UserCount, int ApiKeyCount);
    public sealed record UpdateTenantRequest([property: Required, StringLength(200, MinimumLength = 2)] string Name);

    public static RouteGroupBuilder MapTenantEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tenant").WithTags("Tenant");
        group.MapGet("/", GetTenant).WithName("GetTenant").RequireAuthorization(TenantAccess.Read);
        group.MapPatch("/", UpdateTenant).WithName("UpdateTenant").RequireAuthorization(TenantAccess.Admin);
        return api;
    }

    private static async Task<Results<Ok<TenantResponse>, NotFound>> GetTenant(HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var tenantId = http.User.TenantId();
        var tenant = await db.Tenants.Where(t => t.Id == tenantId)
            .Select(t => new TenantResponse(t.Id, t.Name, t.Slug, t.CreatedAt, db.Memberships.Count(), db.ApiKeys.Count(k => k.RevokedAt == null)))
            .FirstOrDefaultAsync(ct);
        return tenant is null ? TypedResults.NotFound() : TypedResults.Ok(tenant);
    }

    private static async Task<Results<Ok<TenantResponse>, NotFound>> UpdateTenant(UpdateTenantRequest request, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var tenantId = http.User.TenantId();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null) return TypedResults.NotFound();
        var previous = tenant.Name;
        tenant.Name = request.Name.Trim();
        db.Audit(tenant.Id, AuditActions.TenantUpdated, http.Actor(), "tenant", tenant.Id.ToString(), new { previous, name = tenant.Name });
        await db.SaveChangesAsync(ct);
        return await GetTenant(http, db, ct) is { Result: Ok<TenantResponse> ok } ? ok : TypedResults.NotFound();
    }
}
