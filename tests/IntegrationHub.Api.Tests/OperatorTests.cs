using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using Microsoft.EntityFrameworkCore;

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
    [Fact]
    public async Task An_operator_sees_every_tenants_connections_with_counts_per_status()
    {
        var alpha = await factory.CreateTenantAsync("Alpha " + Guid.NewGuid().ToString("N")[..6]);
        var bravo = await factory.CreateTenantAsync("Bravo " + Guid.NewGuid().ToString("N")[..6]);
        var alphaBooks = await CreateConnectionAsync(alpha.Admin(), "quickbooks", "Alpha books");
        var bravoBooks = await CreateConnectionAsync(bravo.Admin(), "xero", "Bravo books");
        await using (var db = factory.Database.CreateContext())
        {
            await db.Connections.IgnoreQueryFilters().Where(c => c.Id == bravoBooks)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, ConnectionStatus.NeedsReauth).SetProperty(c => c.StatusReason, "The provider refused the refresh token."), Ct);
        }
        var op = await factory.CreateUserAsync("op", isOperator: true);
        var client = factory.ClientWithSession(op.Id, op.Email!, alpha.Id);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/connections?pageSize=200", Ct);
        var items = all.GetProperty("items").EnumerateArray().ToList();
        var a = items.Single(i => i.GetProperty("id").GetGuid() == alphaBooks);
        var b = items.Single(i => i.GetProperty("id").GetGuid() == bravoBooks);
        Assert.Equal((alpha.Id, "pending", "QuickBooks Online"), (a.GetProperty("tenantId").GetGuid(), a.GetProperty("status").GetString(), a.GetProperty("providerName").GetString()));
        Assert.Equal((bravo.Id, "needs_reauth"), (b.GetProperty("tenantId").GetGuid(), b.GetProperty("status").GetString()));
        Assert.StartsWith("Bravo", b.GetProperty("tenantName").GetString());
        Assert.True(items.IndexOf(b) < items.IndexOf(a), "Connections that need attention come first.");
        var counts = all.GetProperty("counts");
        Assert.True(counts.GetProperty("needs_reauth").GetInt32() >= 1);
        Assert.True(counts.GetProperty("pending").GetInt32() >= 1);
        Assert.Equal(items.Count, counts.EnumerateObject().Sum(c => c.Value.GetInt32()));

        var reauth = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/connections?status=needs_reauth&pageSize=200", Ct);
        Assert.All(reauth.GetProperty("items").EnumerateArray(), i => Assert.Equal("needs_reauth", i.GetProperty("status").GetString()));
        Assert.Contains(reauth.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == bravoBooks);
        var xero = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/connections?provider=xero&pageSize=1", Ct);
        Assert.Single(xero.GetProperty("items").EnumerateArray());
        Assert.Equal("xero", xero.GetProperty("items")[0].GetProperty("provider").GetString());

        var bad = await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/admin/connections?status=sleeping", Ct), 400);
        Assert.Contains("needs_reauth", bad.GetProperty("errors").GetProperty("status")[0].GetString());
    }

    [Fact]
    public async Task A_tenant_owner_cannot_list_all_connections()
    {
        var tenant = await factory.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Owner().GetAsync("/api/v1/admin/connections", Ct)).StatusCode);
        Assert.True((await tenant.Admin().GetAsync("/api/v1/admin/connections", Ct)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized,
            "An API key never carries the operator role.");
    }

    private static async Task<Guid> CreateConnectionAsync(HttpClient admin, string provider, string displayName)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/connections", new { provider, environment = "simulator", displayName }, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
