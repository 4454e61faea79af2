using System.ComponentModel.DataAnnotations;
using IntegrationHub.Api.Auth;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Endpoints;

/// <summary>Platform operators manage tenants across the platform; these are the only tenant-crossing endpoints.</summary>
public static class OperatorTenantEndpoints
{
    public sealed record OperatorTenantResponse(Guid Id, string Name, string Slug, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, int UserCount);
    public sealed record CreateTenantRequest(
        [property: Required, StringLength(200, MinimumLength = 2)] string Name,
        [property: Required, EmailAddress, StringLength(256)] string OwnerEmail,
        [property: Required, StringLength(200, MinimumLength = 1)] string OwnerDisplayName,
        [property: StringLength(200)] string? OwnerPassword);

    public static RouteGroupBuilder MapOperatorTenantEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/tenants").WithTags("Operator").RequireAuthorization(TenantAccess.Operator);
        group.MapGet("/", List).WithName("ListTenants");
        group.MapGet("/{id:guid}", Get).WithName("GetTenantAsOperator");
        group.MapPost("/", Create).WithName("CreateTenant");
        group.MapPost("/{id:guid}/disable", (Guid id, HttpContext http, HubDbContext db, CancellationToken ct) => SetDisabled(id, true, http, db, ct)).WithName("DisableTenant");
        group.MapPost("/{id:guid}/enable", (Guid id, HttpContext http, HubDbContext db, CancellationToken ct) => SetDisabled(id, false, http, db, ct)).WithName("EnableTenant");
        return api;
    }

    private static IQueryable<OperatorTenantResponse> Project(HubDbContext db, IQueryable<Tenant> tenants) =>
        tenants.Select(t => new OperatorTenantResponse(t.Id, t.Name, t.Slug, t.CreatedAt, t.DisabledAt,
            db.Memberships.IgnoreQueryFilters().Count(m => m.TenantId == t.Id)));

    private static async Task<Ok<List<OperatorTenantResponse>>> List(HubDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Project(db, db.Tenants.OrderBy(t => t.Name)).ToListAsync(ct));

    private static async Task<Results<Ok<OperatorTenantResponse>, NotFound>> Get(Guid id, HubDbContext db, CancellationToken ct) =>
        await Project(db, db.Tenants.Where(t => t.Id == id)).FirstOrDefaultAsync(ct) is { } t ? TypedResults.Ok(t) : TypedResults.NotFound();

    private static async Task<Results<Created<OperatorTenantResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateTenantRequest request, HttpContext http, HubDbContext db, UserManager<HubUser> users, CancellationToken ct)
    {
        var slug = Slug.From(request.Name);
        if (await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
            return TypedResults.Problem(title: "Tenant exists", detail: $"A tenant with the slug '{slug}' already exists.", statusCode: StatusCodes.Status409Conflict);

        // Owner account, tenant and membership commit together; the retrying strategy re-runs the whole unit on a transient failure.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            return await CreateInTransactionAsync(request, slug, http, db, users, transaction, ct);
        });
    }

    private static async Task<Results<Created<OperatorTenantResponse>, ValidationProblem, ProblemHttpResult>> CreateInTransactionAsync(
        CreateTenantRequest request, string slug, HttpContext http, HubDbContext db, UserManager<HubUser> users,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken ct)
    {
        var owner = await users.FindByEmailAsync(request.OwnerEmail);
        if (owner is null)
        {
            if (string.IsNullOrEmpty(request.OwnerPassword))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ownerPassword"] = ["A password is required for a new owner account."] });
            owner = new HubUser { UserName = request.OwnerEmail, Email = request.OwnerEmail, DisplayName = request.OwnerDisplayName.Trim(), EmailConfirmed = true };
            var created = await users.CreateAsync(owner, request.OwnerPassword);
            if (!created.Succeeded)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ownerPassword"] = created.Errors.Select(e => e.Description).ToArray() });
        }
        var tenant = new Tenant { Name = request.Name.Trim(), Slug = slug };
        db.Tenants.Add(tenant);
        // The operator's session sits in some other tenant; the owner's membership belongs to the new one, so write as it.
        http.RequestServices.GetRequiredService<TenantContext>().Enter(tenant.Id);
        db.Memberships.Add(new TenantMembership { TenantId = tenant.Id, UserId = owner.Id, Role = TenantRole.Owner });
        db.Audit(tenant.Id, AuditActions.TenantCreated, http.Actor(), "tenant", tenant.Id.ToString(), new { tenant.Name, owner = owner.Email });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var response = await Project(db, db.Tenants.Where(t => t.Id == tenant.Id)).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/admin/tenants/{tenant.Id}", response);
    }

    private static async Task<Results<Ok<OperatorTenantResponse>, NotFound>> SetDisabled(Guid id, bool disable, HttpContext http, HubDbContext db, CancellationToken ct)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null) return TypedResults.NotFound();
        if ((tenant.DisabledAt is not null) != disable)
        {
            tenant.DisabledAt = disable ? DateTimeOffset.UtcNow : null;
            db.Audit(tenant.Id, disable ? AuditActions.TenantDisabled : AuditActions.TenantEnabled, http.Actor(), "tenant", tenant.Id.ToString());
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await Project(db, db.Tenants.Where(t => t.Id == id)).FirstAsync(ct));
    }
}
