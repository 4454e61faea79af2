using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class PortalSessionTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_viewer_reads_but_cannot_change()
    {
        var tenant = await factory.CreateTenantAsync();
        var viewer = await factory.CreateUserAsync("viewer");
        await factory.AddMemberAsync(tenant.Id, viewer.Id, TenantRole.Viewer);
        var client = factory.ClientWithSession(viewer.Id, viewer.Email!, tenant.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/api-keys", Ct)).StatusCode);
        await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/api-keys", new { name = "x", scopes = new[] { "read" } }, Ct), 403);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal("viewer", me.GetProperty("role").GetString());
        Assert.False(me.GetProperty("isOperator").GetBoolean());
    }

    [Fact]
    public async Task Cookie_writes_need_the_portal_header()
    {
        var tenant = await factory.CreateTenantAsync();
        var noHeader = factory.ClientWithSession(tenant.OwnerId, tenant.OwnerEmail, tenant.Id, portalHeader: false);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.GetAsync("/api/v1/tenant", Ct)).StatusCode);
        var problem = await HttpAssert.ProblemAsync(await noHeader.PatchAsJsonAsync("/api/v1/tenant", new { name = "CSRF" }, Ct), 403);
        Assert.Contains("X-Hub-Portal", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Removing_a_member_takes_effect_on_their_next_request()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = await factory.CreateUserAsync("admin");
        await factory.AddMemberAsync(tenant.Id, admin.Id, TenantRole.Admin);
        var client = factory.ClientWithSession(admin.Id, admin.Email!, tenant.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tenant", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Owner().DeleteAsync($"/api/v1/users/{admin.Id}", Ct)).StatusCode);
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/tenant", Ct), 403);
    }

    [Fact]
    public async Task A_session_for_a_tenant_the_user_never_joined_gets_nothing()
    {
        var a = await factory.CreateTenantAsync();
        var b = await factory.CreateTenantAsync();
        var forged = factory.ClientWithSession(b.OwnerId, b.OwnerEmail, a.Id);
        await HttpAssert.ProblemAsync(await forged.GetAsync("/api/v1/api-keys", Ct), 403);
        var me = await forged.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("tenantId").ValueKind);
        Assert.DoesNotContain(a.Id.ToString(), me.GetRawText());
    }

    [Fact]
    public async Task A_tampered_cookie_is_anonymous()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", ".IntegrationHub.Session=CfDJ8forged");
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/tenant", Ct), 401);
    }
}
