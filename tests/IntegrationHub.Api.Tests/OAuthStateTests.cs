using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

/// <summary>Wrong, reused, expired and denied callbacks are refused clearly, and nothing is stored.</summary>
public class OAuthStateTests(ConnectedApiFactory api) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task AssertNothingStoredAsync(Guid connectionId)
    {
        await using var db = api.Database.CreateContext();
        Assert.False(await db.StoredSecrets.AnyAsync(s => s.Name.Contains(connectionId.ToString("N")), Ct));
        var connection = await db.Connections.IgnoreQueryFilters().SingleAsync(c => c.Id == connectionId, Ct);
        Assert.Equal(Core.Connections.ConnectionStatus.Pending, connection.Status);
        Assert.Null(connection.CredentialVersion);
    }

    [Theory]
    [InlineData("/api/v1/oauth/callback?code=abc", "Missing state")]
    [InlineData("/api/v1/oauth/callback?code=abc&state=forged-state-value", "Unknown state")]
    public async Task Missing_or_forged_state_is_a_clear_400(string url, string title)
    {
        var problem = await HttpAssert.ProblemAsync(await api.CreateClient().GetAsync(url, Ct), 400);
        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_state_works_once()
    {
        var tenant = await api.CreateTenantAsync();
        var id = await ConnectionTestKit.CreateAsync(tenant.Owner(), "quickbooks");
        var callback = new Uri(await ConsentDriver.ConsentAsync(await ConnectionTestKit.StartAsync(tenant.Owner(), id))).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync(callback, Ct)).StatusCode);
        var replay = await HttpAssert.ProblemAsync(await api.CreateClient().GetAsync(callback, Ct), 400);
        Assert.Equal("Link already used", replay.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_expired_state_is_refused_and_nothing_is_stored()
    {
        var tenant = await api.CreateTenantAsync();
        var id = await ConnectionTestKit.CreateAsync(tenant.Owner(), "quickbooks");
        var callback = new Uri(await ConsentDriver.ConsentAsync(await ConnectionTestKit.StartAsync(tenant.Owner(), id))).PathAndQuery;
        await using (var db = api.Database.CreateContext())
        {
            await db.OAuthStates.IgnoreQueryFilters().Where(s => s.ConnectionId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)), Ct);
        }
        var problem = await HttpAssert.ProblemAsync(await api.CreateClient().GetAsync(callback, Ct), 400);
        Assert.Equal("Link expired", problem.GetProperty("title").GetString());
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task A_denied_consent_or_a_bad_code_stores_nothing()
    {
        var tenant = await api.CreateTenantAsync();
        var id = await ConnectionTestKit.CreateAsync(tenant.Owner(), "xero");
        var denied = new Uri(await ConsentDriver.ConsentAsync(await ConnectionTestKit.StartAsync(tenant.Owner(), id), allow: false)).PathAndQuery;
        var problem = await HttpAssert.ProblemAsync(await api.CreateClient().GetAsync(denied, Ct), 400);
        Assert.Contains("access_denied", problem.GetProperty("detail").GetString());

        var granted = new Uri(await ConsentDriver.ConsentAsync(await ConnectionTestKit.StartAsync(tenant.Owner(), id))).PathAndQuery;
        var tampered = System.Text.RegularExpressions.Regex.Replace(granted, "code=[^&]+", "code=guessed");
        var exchange = await HttpAssert.ProblemAsync(await api.CreateClient().GetAsync(tampered, Ct), 400);
        Assert.Contains("invalid_grant", exchange.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(id);
    }

    [Fact]
    public async Task The_callback_returns_to_the_portal_only()
    {
        var tenant = await api.CreateTenantAsync();
        var id = await ConnectionTestKit.CreateAsync(tenant.Owner(), "quickbooks");
        var evil = await tenant.Owner().PostAsync($"/api/v1/connections/{id}/oauth/start",
            System.Net.Http.Json.JsonContent.Create(new { returnUrl = "https://evil.example/steal" }), Ct);
        await HttpAssert.ProblemAsync(evil, 400);

        var authorize = await ConnectionTestKit.StartAsync(tenant.Owner(), id, "http://portal.test/connections/x");
        var callback = new Uri(await ConsentDriver.ConsentAsync(authorize)).PathAndQuery;
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = api.ClientOptions.BaseAddress };
        var response = await client.GetAsync(callback, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://portal.test/connections/x?connection=", response.Headers.Location!.ToString());
        Assert.Contains("result=connected", response.Headers.Location!.ToString());
    }
}
