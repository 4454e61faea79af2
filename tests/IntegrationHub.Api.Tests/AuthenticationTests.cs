using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Core.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class AuthenticationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData("ihk_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Missing_malformed_or_unknown_keys_get_401_problem(string? key)
    {
        var response = await factory.ClientWithKey(key).GetAsync("/api/v1/tenant", Ct);
        await HttpAssert.ProblemAsync(response, 401);
    }

    [Fact]
    public async Task A_right_prefix_with_a_wrong_secret_is_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        var real = tenant.Keys[ApiScopes.Read];
        var forged = real[..^4] + (real.EndsWith("AAAA") ? "BBBB" : "AAAA");
        var response = await factory.ClientWithKey(forged).GetAsync("/api/v1/tenant", Ct);
        await HttpAssert.ProblemAsync(response, 401);
    }

    [Fact]
    public async Task Bearer_form_is_accepted_too()
    {
        var tenant = await factory.CreateTenantAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tenant.Keys[ApiScopes.Read]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tenant", Ct)).StatusCode);
    }

    [Fact]
    public async Task Scopes_limit_what_a_key_may_do()
    {
        var tenant = await factory.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.OK, (await tenant.Reader().GetAsync("/api/v1/api-keys", Ct)).StatusCode);
        var create = await tenant.Reader().PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", scopes = new[] { "admin" } }, Ct);
        await HttpAssert.ProblemAsync(create, 403);
        await HttpAssert.ProblemAsync(await factory.ClientWithKey(tenant.Keys[ApiScopes.Write]).GetAsync("/api/v1/audit", Ct), 403);
    }

    [Fact]
    public async Task Expired_keys_and_disabled_tenants_are_refused()
    {
        var tenant = await factory.CreateTenantAsync();
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            await db.ApiKeys.Where(k => k.Scopes.Contains(ApiScopes.Read)).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)), Ct);
        }
        await HttpAssert.ProblemAsync(await tenant.Reader().GetAsync("/api/v1/tenant", Ct), 401);

        await using (var db = factory.Database.CreateContext())
        {
            await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.DisabledAt, DateTimeOffset.UtcNow), Ct);
        }
        await HttpAssert.ProblemAsync(await tenant.Admin().GetAsync("/api/v1/tenant", Ct), 401);
        await HttpAssert.ProblemAsync(await tenant.Owner().GetAsync("/api/v1/tenant", Ct), 403);
    }

    [Fact]
    public async Task Use_is_recorded_as_last_used_time()
    {
        var tenant = await factory.CreateTenantAsync();
        await tenant.Reader().GetAsync("/api/v1/tenant", Ct);
        await using var db = factory.Database.CreateContext(tenant.Id);
        var key = await db.ApiKeys.SingleAsync(k => k.Scopes.Contains(ApiScopes.Read), Ct);
        Assert.NotNull(key.LastUsedAt);
        Assert.True(DateTimeOffset.UtcNow - key.LastUsedAt < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Health_and_docs_are_public_while_the_api_is_not()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive", Ct)).StatusCode);
        var openApi = await anonymous.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/api-keys", openApi);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar", Ct)).StatusCode);
        Assert.Contains("http_server_request_duration", await anonymous.GetStringAsync("/metrics", Ct));
    }
}
