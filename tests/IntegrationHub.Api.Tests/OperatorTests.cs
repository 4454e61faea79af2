using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Api.Tests;

public class OperatorTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_creates_disables_and_enables_a_tenant()
    {
        var op = await factory.CreateUserAsync("op", isOperator: true);
        var client = factory.ClientWithSession(op.Id, op.Email!, tenantId: null);
        var name = "Globex " + Guid.NewGuid().ToString("N")[..6];
        var ownerEmail = $"globex-{Guid.NewGuid():N}@example.test";
        var created = await client.PostAsJsonAsync("/api/v1/admin/tenants", new { name, ownerEmail, ownerDisplayName = "Hank", ownerPassword = "a-long-password-1" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenant = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = tenant.GetProperty("id").GetGuid();
        Assert.Equal(1, tenant.GetProperty("userCount").GetInt32());

        await HttpAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/admin/tenants", new { name, ownerEmail, ownerDisplayName = "Hank" }, Ct), 409);

        var list = await client.GetStringAsync("/api/v1/admin/tenants", Ct);
        Assert.Contains(name, list);

        var disabled = await (await client.PostAsync($"/api/v1/admin/tenants/{id}/disable", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.NotEqual(JsonValueKind.Null, disabled.GetProperty("disabledAt").ValueKind);
        var enabled = await (await client.PostAsync($"/api/v1/admin/tenants/{id}/enable", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabledAt").ValueKind);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/admin/tenants/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task An_operator_acts_inside_any_tenant_it_switches_to()
    {
        var tenant = await factory.CreateTenantAsync();
        var op = await factory.CreateUserAsync("op", isOperator: true);
        var client = factory.ClientWithSession(op.Id, op.Email!, tenant.Id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/api-keys", Ct)).StatusCode);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.True(me.GetProperty("isOperator").GetBoolean());
        Assert.Contains(me.GetProperty("tenants").EnumerateArray(), t => t.GetProperty("id").GetGuid() == tenant.Id);
    }

    [Fact]
    public async Task An_operator_whose_portal_session_is_inside_a_tenant_creates_another_tenant()
    {
        // The portal always puts a tenant in the session, so this is how operators really create tenants.
        var current = await factory.CreateTenantAsync();
        var op = await factory.CreateUserAsync("op", isOperator: true);
        var client = factory.ClientWithSession(op.Id, op.Email!, current.Id);
        var name = "Initech " + Guid.NewGuid().ToString("N")[..6];

        var created = await client.PostAsJsonAsync("/api/v1/admin/tenants",
            new { name, ownerEmail = $"initech-{Guid.NewGuid():N}@example.test", ownerDisplayName = "Bill", ownerPassword = "a-long-password-1" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("userCount").GetInt32());
    }
}
