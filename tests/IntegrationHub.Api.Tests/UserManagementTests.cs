using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class UserManagementTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_owner_adds_a_user_changes_the_role_and_removes_them_with_an_audit_trail()
    {
        var tenant = await factory.CreateTenantAsync();
        var owner = tenant.Owner();
        var email = $"new-{Guid.NewGuid():N}@example.test";
        var added = await owner.PostAsJsonAsync("/api/v1/users", new { email, displayName = "New Person", password = "a-long-password-1", role = "viewer" }, Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var user = await added.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("viewer", user.GetProperty("role").GetString());
        var id = user.GetProperty("userId").GetGuid();

        var changed = await owner.PatchAsJsonAsync($"/api/v1/users/{id}", new { role = "admin" }, Ct);
        Assert.Equal("admin", (await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/users/{id}", Ct)).StatusCode);

        await using var db = factory.Database.CreateContext();
        var actions = await db.AuditEvents.Where(e => e.TenantId == tenant.Id).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
        Assert.Equal([AuditActions.UserAdded, AuditActions.UserRoleChanged, AuditActions.UserRemoved], actions);
    }

    [Fact]
    public async Task The_last_owner_stays()
    {
        var tenant = await factory.CreateTenantAsync();
        await HttpAssert.ProblemAsync(await tenant.Owner().PatchAsJsonAsync($"/api/v1/users/{tenant.OwnerId}", new { role = "viewer" }, Ct), 409);
        await HttpAssert.ProblemAsync(await tenant.Owner().DeleteAsync($"/api/v1/users/{tenant.OwnerId}", Ct), 409);
    }

    [Fact]
    public async Task An_admin_cannot_make_owners_or_remove_them()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await factory.CreateUserAsync("admin");
        await factory.AddMemberAsync(tenant.Id, admin.Id, TenantRole.Admin);
        var client = factory.ClientWithSession(admin.Id, admin.Email!, tenant.Id);
        await HttpAssert.ProblemAsync(await client.PatchAsJsonAsync($"/api/v1/users/{admin.Id}", new { role = "owner" }, Ct), 403);
        await HttpAssert.ProblemAsync(await client.DeleteAsync($"/api/v1/users/{tenant.OwnerId}", Ct), 403);
    }

    [Fact]
    public async Task Weak_passwords_and_bad_emails_are_rejected_with_field_errors()
    {
        var tenant = await factory.CreateTenantAsync();
        var weak = await tenant.Owner().PostAsJsonAsync("/api/v1/users", new { email = $"w-{Guid.NewGuid():N}@example.test", displayName = "W", password = "short", role = "viewer" }, Ct);
        Assert.True((await HttpAssert.ProblemAsync(weak, 400)).GetProperty("errors").TryGetProperty("password", out _));
        var badEmail = await tenant.Owner().PostAsJsonAsync("/api/v1/users", new { email = "not-an-email", displayName = "W", password = "a-long-password-1", role = "viewer" }, Ct);
        await HttpAssert.ProblemAsync(badEmail, 400);
        var badRole = await tenant.Owner().PostAsJsonAsync("/api/v1/users", new { email = "x@example.test", displayName = "W", password = "a-long-password-1", role = "emperor" }, Ct);
        await HttpAssert.ProblemAsync(badRole, 400);
    }
}
