using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Audit;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class ConnectionFlowTests(ConnectedApiFactory api) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QuickBooks_connects_through_consent_with_its_realm_and_passes_a_test_call()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, callback) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "quickbooks");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);

        var connection = await ConnectionTestKit.GetAsync(tenant.Owner(), id);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(connection.GetProperty("externalTenantId").GetString()));
        var expires = connection.GetProperty("accessTokenExpiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        var tested = await (await tenant.Owner().PostAsync($"/api/v1/connections/{id}/test", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(tested.GetProperty("lastTestSucceeded").GetBoolean(), tested.GetProperty("lastTestMessage").GetString());

        var tokenCalls = await api.Simulator.RequestsAsync("POST", "/qbo/oauth2/v1/tokens/bearer");
        Assert.Contains(tokenCalls, r => r.GetProperty("headers").GetProperty("Authorization").GetString() == "Basic ***");
    }

    [Fact]
    public async Task Xero_with_one_organisation_granted_becomes_active_and_sends_the_tenant_header()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "xero", tenants => tenants.Take(1));
        var connection = await ConnectionTestKit.GetAsync(tenant.Owner(), id);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        var orgId = connection.GetProperty("externalTenantId").GetString()!;

        var tested = await (await tenant.Owner().PostAsync($"/api/v1/connections/{id}/test", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(tested.GetProperty("lastTestSucceeded").GetBoolean(), tested.GetProperty("lastTestMessage").GetString());
        var calls = await api.Simulator.RequestsAsync("GET", "/xero/api.xro/2.0/Accounts");
        Assert.Contains(calls, r => r.GetProperty("headers").TryGetProperty("xero-tenant-id", out var h) && h.GetString() == orgId);
    }

    [Fact]
    public async Task Xero_with_several_organisations_waits_for_the_admins_choice()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, callback) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "xero", tenants => tenants);
        Assert.True((await callback.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("needsOrganisationChoice").GetBoolean());
        Assert.Equal("pending", (await ConnectionTestKit.GetAsync(tenant.Owner(), id)).GetProperty("status").GetString());

        var orgs = await tenant.Owner().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}/organisations", Ct);
        Assert.True(orgs.GetArrayLength() >= 2);
        var second = orgs[1];
        await HttpAssert.ProblemAsync(await tenant.Owner().PostAsJsonAsync($"/api/v1/connections/{id}/organisation", new { externalTenantId = "not-granted" }, Ct), 409);
        var chosen = await (await tenant.Owner().PostAsJsonAsync($"/api/v1/connections/{id}/organisation", new { externalTenantId = second.GetProperty("id").GetString() }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("active", chosen.GetProperty("status").GetString());
        Assert.Equal(second.GetProperty("name").GetString(), chosen.GetProperty("externalTenantName").GetString());
    }

    [Fact]
    public async Task The_same_company_cannot_be_connected_twice_in_one_tenant()
    {
        var tenant = await api.CreateTenantAsync();
        await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "quickbooks");
        var (second, callback) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "quickbooks");
        var problem = await HttpAssert.ProblemAsync(callback, 400);
        Assert.Equal("Already connected", problem.GetProperty("title").GetString());
        var connection = await ConnectionTestKit.GetAsync(tenant.Owner(), second);
        Assert.Equal("pending", connection.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, connection.GetProperty("accessTokenExpiresAt").ValueKind);
    }

    [Fact]
    public async Task Disconnect_revokes_at_the_provider_deletes_credentials_and_keeps_history()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "xero");
        var before = (await api.Simulator.RequestsAsync("POST", "/xero/connect/revocation")).Length;
        var result = await (await tenant.Owner().PostAsync($"/api/v1/connections/{id}/disconnect", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("note").ValueKind);
        Assert.Equal("disabled", result.GetProperty("connection").GetProperty("status").GetString());
        Assert.Equal(before + 1, (await api.Simulator.RequestsAsync("POST", "/xero/connect/revocation")).Length);

        await using var db = api.Database.CreateContext();
        Assert.False(await db.StoredSecrets.AnyAsync(s => s.Name.Contains(id.ToString("N")), Ct));
        var history = await db.AuditEvents.Where(e => e.TargetId == id.ToString()).Select(e => e.Action).ToListAsync(Ct);
        Assert.Contains(AuditActions.ConnectionActivated, history);
        Assert.Contains(AuditActions.ConnectionDisconnected, history);

        // Reconnect: the same connection comes back with new credentials.
        var redirect = await ConsentDriver.ConsentAsync(await ConnectionTestKit.StartAsync(tenant.Owner(), id));
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync(new Uri(redirect).PathAndQuery, Ct)).StatusCode);
        Assert.Equal("active", (await ConnectionTestKit.GetAsync(tenant.Owner(), id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_providers_and_environments_are_field_errors()
    {
        var tenant = await api.CreateTenantAsync();
        var unknown = await HttpAssert.ProblemAsync(await tenant.Owner().PostAsJsonAsync("/api/v1/connections", new { provider = "myob" }, Ct), 400);
        Assert.Contains("quickbooks", unknown.GetProperty("errors").GetProperty("provider")[0].GetString());
        await HttpAssert.ProblemAsync(await tenant.Owner().PostAsJsonAsync("/api/v1/connections", new { provider = "xero", environment = "moon" }, Ct), 400);
    }
}
