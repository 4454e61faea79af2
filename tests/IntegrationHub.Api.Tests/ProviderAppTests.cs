using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

public class ProviderAppTests(ConnectedApiFactory api) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpClient> OperatorAsync()
    {
        var op = await api.CreateUserAsync("op", isOperator: true);
        return api.ClientWithSession(op.Id, op.Email!, tenantId: null);
    }

    [Fact]
    public async Task A_rotated_app_credential_is_used_for_the_next_connection_and_never_shown()
    {
        var clientId = "hub-rotated-" + Guid.NewGuid().ToString("N")[..6];
        var register = await api.Simulator.CreateClient().PostAsJsonAsync("/control/apps/qbo",
            new { clientId, clientSecret = "rotated-secret-value", redirectUris = new[] { "http://127.0.0.1:*" }, webhookKey = "k" }, Ct);
        register.EnsureSuccessStatusCode();

        var op = await OperatorAsync();
        var rotated = await op.PutAsJsonAsync("/api/v1/admin/providers/quickbooks/simulator/credentials", new { clientId, clientSecret = "rotated-secret-value" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var list = await op.GetStringAsync("/api/v1/admin/providers", Ct);
        Assert.DoesNotContain("rotated-secret-value", list);
        var rows = JsonDocument.Parse(list).RootElement.EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("provider").GetString() == "quickbooks" && r.GetProperty("environment").GetString() == "simulator"
                                   && r.GetProperty("source").GetString() == "secret_store" && r.GetProperty("clientId").GetString() == clientId);
        Assert.Contains(rows, r => r.GetProperty("provider").GetString() == "xero" && r.GetProperty("environment").GetString() == "simulator"
                                   && r.GetProperty("source").GetString() == "simulator");

        var tenant = await api.CreateTenantAsync();
        var id = await ConnectionTestKit.CreateAsync(tenant.Owner(), "quickbooks");
        var authorize = await ConnectionTestKit.StartAsync(tenant.Owner(), id);
        Assert.Contains($"client_id={clientId}", authorize);
        var callback = await api.CreateClient().GetAsync(new Uri(await ConsentDriver.ConsentAsync(authorize)).PathAndQuery, Ct);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
    }

    [Fact]
    public async Task An_environment_without_app_credentials_is_a_clear_conflict()
    {
        var tenant = await api.CreateTenantAsync();
        var created = await tenant.Owner().PostAsJsonAsync("/api/v1/connections", new { provider = "quickbooks", environment = "production" }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var problem = await HttpAssert.ProblemAsync(await tenant.Owner().PostAsJsonAsync($"/api/v1/connections/{id}/oauth/start", new { }, Ct), 409);
        Assert.Contains("Providers__quickbooks__production__ClientId", problem.GetProperty("detail").GetString());
        await using var db = api.Database.CreateContext();
        Assert.False(await db.OAuthStates.IgnoreQueryFilters().AnyAsync(s => s.ConnectionId == id, Ct));
    }

    [Fact]
    public async Task Ninety_days_after_a_rotation_operators_are_reminded_once()
    {
        var op = await OperatorAsync();
        (await op.PutAsJsonAsync("/api/v1/admin/providers/xero/production/credentials", new { clientId = "xero-prod", clientSecret = "prod-secret" }, Ct)).EnsureSuccessStatusCode();
        var reminder = api.Services.GetRequiredService<ClientSecretRotationReminder>();
        Assert.Equal(0, await reminder.RemindAsync(Ct));

        await using (var db = api.Database.CreateContext())
        {
            await db.StoredSecrets.Where(s => s.Name == ProviderApps.SecretName("xero", "production"))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, DateTimeOffset.UtcNow.AddDays(-91)), Ct);
        }
        Assert.Equal(1, await reminder.RemindAsync(Ct));
        Assert.Equal(0, await reminder.RemindAsync(Ct));

        await using var check = api.Database.CreateContext();
        Assert.Single(await check.AuditEvents.Where(e => e.Action == AuditActions.ProviderAppRotationDue).ToListAsync(Ct));
        var evt = Assert.Single(await check.OutboxEvents.Where(e => e.Type == EventTypes.ProviderClientSecretRotationDue).ToListAsync(Ct));
        Assert.Equal(EventTypes.PlatformTenant, evt.TenantId);
        Assert.Equal("xero", evt.Payload.RootElement.GetProperty("provider").GetString());

        // Rotating again starts a new 90-day period: nothing is due.
        (await op.PutAsJsonAsync("/api/v1/admin/providers/xero/production/credentials", new { clientId = "xero-prod", clientSecret = "prod-secret-2" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal(0, await reminder.RemindAsync(Ct));
    }
}
