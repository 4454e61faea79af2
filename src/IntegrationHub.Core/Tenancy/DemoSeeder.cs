using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Tenancy;

/// <summary>Creates the demo tenant, its owner and a platform operator so a newcomer can sign in at once. Idempotent.</summary>
public sealed class DemoSeeder(HubDbContext db, UserManager<HubUser> users, RoleManager<HubRole> roles)
{
    public const string TenantName = "Demo Rentals";
    public const string OwnerEmail = "owner@demo.local";
    public const string OperatorEmail = "operator@demo.local";

    public async Task SeedAsync(string password, CancellationToken ct = default)
    {
        if (!await roles.RoleExistsAsync(HubClaims.OperatorRole))
            Check(await roles.CreateAsync(new HubRole { Name = HubClaims.OperatorRole }));

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Slug == Slug.From(TenantName), ct);
        if (tenant is null)
        {
            tenant = new Tenant { Name = TenantName, Slug = Slug.From(TenantName) };
            db.Tenants.Add(tenant);
            db.Audit(tenant.Id, AuditActions.TenantCreated, AuditActor.System, "tenant", tenant.Id.ToString(), new { tenant.Name, demo = true });
            await db.SaveChangesAsync(ct);
        }

        var owner = await EnsureUserAsync(OwnerEmail, "Olivia Owner", password);
        var op = await EnsureUserAsync(OperatorEmail, "Oscar Operator", password);
        if (!await users.IsInRoleAsync(op, HubClaims.OperatorRole)) Check(await users.AddToRoleAsync(op, HubClaims.OperatorRole));

        if (!await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.TenantId == tenant.Id && m.UserId == owner.Id, ct))
        {
            db.Memberships.Add(new TenantMembership { TenantId = tenant.Id, UserId = owner.Id, Role = TenantRole.Owner });
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task<HubUser> EnsureUserAsync(string email, string name, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null) return user;
        user = new HubUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Check(await users.CreateAsync(user, password));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException("Demo seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
