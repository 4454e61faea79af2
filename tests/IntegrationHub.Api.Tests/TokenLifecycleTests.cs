using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

public class TokenLifecycleTests(ConnectedApiFactory api) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<T> InTenantAsync<T>(IServiceProvider services, Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        return await work(scope.ServiceProvider);
    }

    private Task<TokenSet> StoredTokensAsync(Guid tenantId, Guid connectionId) =>
        InTenantAsync(api.Services, tenantId, async sp =>
        {
            var connection = await sp.GetRequiredService<HubDbContext>().Connections.SingleAsync(c => c.Id == connectionId, Ct);
            return (await sp.GetRequiredService<ConnectionCredentials>().LoadAsync(connection, Ct))!;
        });

    private async Task<int> RefreshRequestsAsync(string tokenPath) =>
        (await api.Simulator.RequestsAsync("POST", tokenPath)).Count(r => r.GetProperty("body").GetString()?.Contains("grant_type=refresh_token") == true);

    [Fact]
    public async Task A_hundred_concurrent_callers_on_three_instances_cause_exactly_one_refresh()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "xero");
        var before = await StoredTokensAsync(tenant.Id, id);
        await using var second = new SiblingApiHost(api).Start();
        await using var third = new SiblingApiHost(api).Start();
        IServiceProvider[] instances = [api.Services, second.Services, third.Services];
        var refreshesBefore = await RefreshRequestsAsync("/xero/connect/token");

        // Every caller was just told 401 for the old token: each wants a refresh, only one may send it.
        var tokens = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            InTenantAsync(instances[i % 3], tenant.Id, sp => sp.GetRequiredService<AccessTokens>().GetAsync(id, before.AccessToken, Ct)), Ct)));

        Assert.Equal(1, await RefreshRequestsAsync("/xero/connect/token") - refreshesBefore);
        var fresh = Assert.Single(tokens.Distinct());
        Assert.NotEqual(before.AccessToken, fresh);
        var after = await StoredTokensAsync(tenant.Id, id);
        Assert.Equal(fresh, after.AccessToken);
        Assert.NotEqual(before.RefreshToken, after.RefreshToken); // Xero rotated it, and the new one was persisted
    }

    [Fact]
    public async Task A_token_near_expiry_is_refreshed_before_use_and_a_valid_one_is_not()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "quickbooks");
        var before = await StoredTokensAsync(tenant.Id, id);
        var refreshes = await RefreshRequestsAsync("/qbo/oauth2/v1/tokens/bearer");
        Assert.Equal(before.AccessToken, await InTenantAsync(api.Services, tenant.Id, sp => sp.GetRequiredService<AccessTokens>().GetAsync(id, ct: Ct)));
        Assert.Equal(refreshes, await RefreshRequestsAsync("/qbo/oauth2/v1/tokens/bearer"));

        // Inside the connector's margin (5 minutes for QBO) the next use refreshes first.
        await InTenantAsync(api.Services, tenant.Id, async sp =>
        {
            var db = sp.GetRequiredService<HubDbContext>();
            var connection = await db.Connections.SingleAsync(c => c.Id == id, Ct);
            await sp.GetRequiredService<ConnectionCredentials>().SaveAsync(connection, before with { AccessTokenExpiresAt = DateTimeOffset.UtcNow.AddMinutes(2) }, Ct);
            return await db.SaveChangesAsync(Ct);
        });
        var used = await InTenantAsync(api.Services, tenant.Id, sp => sp.GetRequiredService<AccessTokens>().GetAsync(id, ct: Ct));
        Assert.NotEqual(before.AccessToken, used);
        Assert.Equal(refreshes + 1, await RefreshRequestsAsync("/qbo/oauth2/v1/tokens/bearer"));
    }

    [Fact]
    public async Task A_refused_refresh_marks_the_connection_needs_reauth_and_emits_an_event()
    {
        var tenant = await api.CreateTenantAsync();
        var (id, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "quickbooks");
        var (other, _) = await ConnectionTestKit.ConnectAsync(api, (await api.CreateTenantAsync()).Owner(), "xero");
        await api.Simulator.RevokeAllAsync("qbo");

        var refused = await HttpAssert.ProblemAsync(await tenant.Owner().PostAsync($"/api/v1/connections/{id}/token/refresh", null, Ct), 409);
        Assert.Contains("invalid_grant", refused.GetProperty("detail").GetString());
        var connection = await ConnectionTestKit.GetAsync(tenant.Owner(), id);
        Assert.Equal("needs_reauth", connection.GetProperty("status").GetString());

        await using var db = api.Database.CreateContext();
        var events = await db.OutboxEvents.Where(e => e.TenantId == tenant.Id && e.Type == EventTypes.ConnectionNeedsReauth).ToListAsync(Ct);
        Assert.Single(events);
        Assert.Equal(id, events[0].Payload.RootElement.GetProperty("connectionId").GetGuid());
        Assert.Equal(ConnectionStatus.Active, (await db.Connections.IgnoreQueryFilters().SingleAsync(c => c.Id == other, Ct)).Status);

        var tested = await (await tenant.Owner().PostAsync($"/api/v1/connections/{id}/test", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(tested.GetProperty("lastTestSucceeded").GetBoolean());
    }
}

public class IdleTokenRenewalTests(ConnectedApiFactory api) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connections_whose_refresh_token_nears_expiry_are_renewed_and_others_left_alone()
    {
        var tenant = await api.CreateTenantAsync();
        var (due, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "xero");
        var (fresh, _) = await ConnectionTestKit.ConnectAsync(api, (await api.CreateTenantAsync()).Owner(), "quickbooks");
        await using (var db = api.Database.CreateContext())
        {
            // Xero's window is 14 days (a quarter of 60 is 15, capped at 14): 10 days left is due.
            await db.Connections.IgnoreQueryFilters().Where(c => c.Id == due)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RefreshTokenExpiresAt, DateTimeOffset.UtcNow.AddDays(10)), Ct);
        }

        var (renewed, failed) = await api.Services.GetRequiredService<IdleTokenRenewal>().RenewDueAsync(Ct);

        Assert.Equal((1, 0), (renewed, failed));
        await using var check = api.Database.CreateContext();
        var dueAfter = await check.Connections.IgnoreQueryFilters().SingleAsync(c => c.Id == due, Ct);
        Assert.True(dueAfter.RefreshTokenExpiresAt > DateTimeOffset.UtcNow.AddDays(59));
        var freshAfter = await check.Connections.IgnoreQueryFilters().SingleAsync(c => c.Id == fresh, Ct);
        Assert.Equal("1", freshAfter.CredentialVersion);
    }

    [Fact]
    public void Windows_follow_the_published_lifetimes()
    {
        var catalog = IntegrationHub.Connectors.Connectors.Catalog;
        Assert.Equal(TimeSpan.FromDays(14), IdleTokenRenewal.WindowFor(catalog.Find("quickbooks")!));
        Assert.Equal(TimeSpan.FromDays(14), IdleTokenRenewal.WindowFor(catalog.Find("xero")!));
    }
}
