using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

/// <summary>
/// Tenant B, acting with full rights in its own tenant, aims every endpoint at tenant A's resources. Resource
/// endpoints must answer 404 (never 403: that would confirm the id exists), lists must not contain A's data, and
/// writes must not touch A. The coverage test fails when an endpoint is added without a case here.
/// </summary>
public class CrossTenantTests(ConnectedApiFactory factory) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(TestTenant A, TestTenant B, Guid AKeyId, string AKeyPrefix, Guid AConnectionId);

    private async Task<World> CreateWorldAsync()
    {
        var a = await factory.CreateTenantAsync("Alpha " + Guid.NewGuid().ToString("N")[..6]);
        var b = await factory.CreateTenantAsync("Bravo " + Guid.NewGuid().ToString("N")[..6]);
        var created = await (await a.Owner().PostAsJsonAsync("/api/v1/api-keys", new { name = "alpha secret key", scopes = new[] { "read" } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (connection, _) = await ConnectionTestKit.ConnectAsync(factory, a.Owner(), "xero", tenants => tenants);
        return new World(a, b, created.GetProperty("id").GetGuid(), created.GetProperty("prefix").GetString()!, connection);
    }

    /// <summary>Each case: what B sends, and what must hold afterwards.</summary>
    private static readonly Dictionary<string, Func<World, HttpClient, Task>> Cases = new()
    {
        ["GET /api/v1/me"] = async (w, b) => AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/me", Ct)),
        ["GET /api/v1/catalog"] = async (w, b) =>
        {
            var body = await b.GetStringAsync("/api/v1/catalog", Ct);
            Assert.Contains("quickbooks", body);
            AssertNoTraceOfA(w, body);
        },
        ["GET /api/v1/tenant"] = async (w, b) => AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/tenant", Ct)),
        ["PATCH /api/v1/tenant"] = async (w, b) =>
        {
            Assert.Equal(HttpStatusCode.OK, (await b.PatchAsJsonAsync("/api/v1/tenant", new { name = "Renamed by B" }, Ct)).StatusCode);
            Assert.DoesNotContain("Renamed by B", await w.A.Admin().GetStringAsync("/api/v1/tenant", Ct));
        },
        ["GET /api/v1/users"] = async (w, b) => AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/users", Ct)),
        ["POST /api/v1/users"] = async (w, b) =>
        {
            var response = await b.PostAsJsonAsync("/api/v1/users", new { email = w.A.OwnerEmail, displayName = "hijack", role = "viewer" }, Ct);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            AssertNoTraceOfA(w, await response.Content.ReadAsStringAsync(Ct));
        },
        ["PATCH /api/v1/users/{userId:guid}"] = async (w, b) =>
            Assert.Equal(HttpStatusCode.NotFound, (await b.PatchAsJsonAsync($"/api/v1/users/{w.A.OwnerId}", new { role = "viewer" }, Ct)).StatusCode),
        ["DELETE /api/v1/users/{userId:guid}"] = async (w, b) =>
        {
            Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/users/{w.A.OwnerId}", Ct)).StatusCode);
            Assert.Contains(w.A.OwnerEmail, await w.A.Admin().GetStringAsync("/api/v1/users", Ct));
        },
        ["GET /api/v1/api-keys"] = async (w, b) => AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/api-keys", Ct)),
        ["GET /api/v1/api-keys/{id:guid}"] = async (w, b) =>
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/api-keys/{w.AKeyId}", Ct)).StatusCode),
        ["POST /api/v1/api-keys"] = async (w, b) =>
        {
            Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/api-keys", new { name = "b key", scopes = new[] { "read" } }, Ct)).StatusCode);
            Assert.DoesNotContain("b key", await w.A.Admin().GetStringAsync("/api/v1/api-keys", Ct));
        },
        ["DELETE /api/v1/api-keys/{id:guid}"] = async (w, b) =>
        {
            Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/api-keys/{w.AKeyId}", Ct)).StatusCode);
            var key = await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/api-keys/{w.AKeyId}", Ct);
            Assert.Equal(JsonValueKind.Null, key.GetProperty("revokedAt").ValueKind);
        },
        ["GET /api/v1/connections"] = async (w, b) => AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/connections", Ct)),
        ["POST /api/v1/connections"] = async (w, b) =>
        {
            Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/connections", new { provider = "xero", displayName = "B books" }, Ct)).StatusCode);
            Assert.DoesNotContain("B books", await w.A.Admin().GetStringAsync("/api/v1/connections", Ct));
        },
        ["GET /api/v1/connections/{id:guid}"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}", Ct)),
        ["PATCH /api/v1/connections/{id:guid}"] = (w, b) => NotFoundAsync(b.PatchAsJsonAsync($"/api/v1/connections/{w.AConnectionId}", new { displayName = "stolen" }, Ct)),
        ["POST /api/v1/connections/{id:guid}/test"] = (w, b) => NotFoundAsync(b.PostAsync($"/api/v1/connections/{w.AConnectionId}/test", null, Ct)),
        ["POST /api/v1/connections/{id:guid}/disconnect"] = async (w, b) =>
        {
            await NotFoundAsync(b.PostAsync($"/api/v1/connections/{w.AConnectionId}/disconnect", null, Ct));
            Assert.Contains("pending", await w.A.Admin().GetStringAsync($"/api/v1/connections/{w.AConnectionId}", Ct));
        },
        ["POST /api/v1/connections/{id:guid}/oauth/start"] = (w, b) => NotFoundAsync(b.PostAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/oauth/start", new { }, Ct)),
        ["GET /api/v1/connections/{id:guid}/token"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/token", Ct)),
        ["POST /api/v1/connections/{id:guid}/token/refresh"] = (w, b) => NotFoundAsync(b.PostAsync($"/api/v1/connections/{w.AConnectionId}/token/refresh", null, Ct)),
        ["GET /api/v1/connections/{id:guid}/organisations"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/organisations", Ct)),
        ["POST /api/v1/connections/{id:guid}/organisation"] = async (w, b) =>
        {
            var orgs = await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{w.AConnectionId}/organisations", Ct);
            await NotFoundAsync(b.PostAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/organisation", new { externalTenantId = orgs[0].GetProperty("id").GetString() }, Ct));
            Assert.Contains("pending", await w.A.Admin().GetStringAsync($"/api/v1/connections/{w.AConnectionId}", Ct));
        },
        ["PUT /api/v1/connections/{id:guid}/credentials"] = (w, b) =>
            NotFoundAsync(b.PutAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/credentials", new { apiKey = "planted" }, Ct)),
        ["GET /api/v1/oauth/callback"] = async (w, b) =>
        {
            var response = await b.GetAsync("/api/v1/oauth/callback?code=x&state=" + w.AConnectionId, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            AssertNoTraceOfA(w, await response.Content.ReadAsStringAsync(Ct));
        },
        ["GET /api/v1/audit"] = async (w, b) => AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/audit?pageSize=200", Ct)),
        ["GET /api/v1/connections/{id:guid}/mappings/{entity}"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice", Ct)),
        ["PUT /api/v1/connections/{id:guid}/mappings/{entity}"] = async (w, b) =>
        {
            await NotFoundAsync(b.PutAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice", new { rules = new[] { new { localPath = "x", remotePath = "$raw.Planted" } } }, Ct));
            Assert.Equal(0, (await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice/versions", Ct)).GetArrayLength());
        },
        ["POST /api/v1/connections/{id:guid}/mappings/{entity}/validate"] = (w, b) =>
            NotFoundAsync(b.PostAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice/validate", new { rules = Array.Empty<object>() }, Ct)),
        ["POST /api/v1/connections/{id:guid}/mappings/{entity}/preview"] = (w, b) =>
            NotFoundAsync(b.PostAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice/preview", new { }, Ct)),
        ["GET /api/v1/connections/{id:guid}/mappings/{entity}/versions"] = (w, b) =>
            NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice/versions", Ct)),
        ["POST /api/v1/connections/{id:guid}/mappings/{entity}/rollback/{version:int}"] = (w, b) =>
            NotFoundAsync(b.PostAsync($"/api/v1/connections/{w.AConnectionId}/mappings/Invoice/rollback/1", null, Ct)),
        ["GET /api/v1/connections/{id:guid}/account-suggestions"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/account-suggestions", Ct)),
        ["GET /api/v1/lookup-tables"] = async (w, b) =>
        {
            await CreateLookupTableAsync(w);
            AssertNoTraceOfA(w, await b.GetStringAsync("/api/v1/lookup-tables", Ct));
        },
        ["GET /api/v1/lookup-tables/{id:guid}"] = async (w, b) => await NotFoundAsync(b.GetAsync($"/api/v1/lookup-tables/{await CreateLookupTableAsync(w)}", Ct)),
        ["POST /api/v1/lookup-tables"] = async (w, b) =>
        {
            await CreateLookupTableAsync(w);
            // Names are unique per tenant: B may use A's name, and A's table stays A's.
            Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/lookup-tables", new { name = "Alpha-secrets", entries = new { k = "b-value" } }, Ct)).StatusCode);
            Assert.DoesNotContain("b-value", await w.A.Admin().GetStringAsync("/api/v1/lookup-tables", Ct));
        },
        ["PUT /api/v1/lookup-tables/{id:guid}"] = async (w, b) =>
        {
            var id = await CreateLookupTableAsync(w);
            await NotFoundAsync(b.PutAsJsonAsync($"/api/v1/lookup-tables/{id}", new { name = "stolen", entries = new { } }, Ct));
            Assert.Contains("Alpha-secrets", await w.A.Admin().GetStringAsync($"/api/v1/lookup-tables/{id}", Ct));
        },
        ["DELETE /api/v1/lookup-tables/{id:guid}"] = async (w, b) =>
        {
            var id = await CreateLookupTableAsync(w);
            await NotFoundAsync(b.DeleteAsync($"/api/v1/lookup-tables/{id}", Ct));
            Assert.Equal(HttpStatusCode.OK, (await w.A.Admin().GetAsync($"/api/v1/lookup-tables/{id}", Ct)).StatusCode);
        },
    };

    private static async Task<Guid> CreateLookupTableAsync(World w)
    {
        var created = await w.A.Admin().PostAsJsonAsync("/api/v1/lookup-tables", new { name = "Alpha-secrets", entries = new { k = "alpha-value" } }, Ct);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private static async Task NotFoundAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"Expected 404, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Operator endpoints cross tenants by design; a tenant's own owner or admin key must be refused outright.</summary>
    private const string OperatorPrefix = "/api/v1/admin/";

    private static void AssertNoTraceOfA(World w, string body)
    {
        Assert.DoesNotContain(w.A.Id.ToString(), body);
        Assert.DoesNotContain(w.A.OwnerEmail, body);
        Assert.DoesNotContain(w.AKeyPrefix, body);
        Assert.DoesNotContain("Alpha", body);
    }

    public static TheoryData<string, bool> CaseNames() =>
        new(Cases.Keys.SelectMany(k => new[] { (k, true), (k, false) }));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Tenant_B_cannot_reach_tenant_A(string endpoint, bool viaSession)
    {
        var world = await CreateWorldAsync();
        var b = viaSession ? world.B.Owner() : world.B.Admin();
        await Cases[endpoint](world, b);
    }

    [Fact]
    public async Task Operator_endpoints_refuse_tenant_callers()
    {
        var world = await CreateWorldAsync();
        foreach (var (method, path) in TenantEndpoints().Where(e => e.Path.StartsWith(OperatorPrefix)))
        {
            var url = path.Replace("{id:guid}", world.A.Id.ToString());
            foreach (var client in new[] { world.B.Owner(), world.B.Admin() })
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) }, Ct);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{method} {url} gave {response.StatusCode}");
            }
        }
        await using var db = factory.Database.CreateContext();
        Assert.Null((await db.Tenants.SingleAsync(t => t.Id == world.A.Id, Ct)).DisabledAt);
    }

    [Fact]
    public void Every_endpoint_has_a_cross_tenant_case()
    {
        var missing = TenantEndpoints().Where(e => !e.Path.StartsWith(OperatorPrefix))
            .Select(e => $"{e.Method} {e.Path}").Where(e => !Cases.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without a cross-tenant test: " + string.Join(", ", missing));
    }

    private IEnumerable<(string Method, string Path)> TenantEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1") == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!.TrimEnd('/'))));
}
