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
public partial class CrossTenantTests(ConnectedApiFactory factory) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record World(TestTenant A, TestTenant B, Guid AKeyId, string AKeyPrefix, Guid AConnectionId);

    private const string AJobId = "987654321";

    private async Task<World> CreateWorldAsync()
    {
        var a = await factory.CreateTenantAsync("Alpha " + Guid.NewGuid().ToString("N")[..6]);
        var b = await factory.CreateTenantAsync("Bravo " + Guid.NewGuid().ToString("N")[..6]);
        var created = await (await a.Owner().PostAsJsonAsync("/api/v1/api-keys", new { name = "alpha secret key", scopes = new[] { "read" } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (connection, _) = await ConnectionTestKit.ConnectAsync(factory, a.Owner(), "xero", tenants => tenants);
        // A's sync config and a dead-lettered run of A, for the sync and job endpoints.
        await using (var db = factory.Database.CreateContext(a.Id))
        {
            db.SyncConfigs.Add(new Core.Sync.SyncConfig { ConnectionId = connection, Entity = "Customer" });
            db.SyncRuns.Add(new Core.Sync.SyncRun { ConnectionId = connection, Entities = ["Customer"], Status = Core.Sync.SyncRunStatus.Failed, JobId = AJobId, Error = "Alpha failure" });
            await db.SaveChangesAsync(Ct);
        }
        return new World(a, b, created.GetProperty("id").GetGuid(), created.GetProperty("prefix").GetString()!, connection);
    }

    /// <summary>Each case: what B sends, and what must hold afterwards.</summary>

    private static Task<RecordSeed.Seeded> SeedAAsync(World w) => RecordSeed.EverythingAsync(w.A.Factory.Database, w.A.Id, w.AConnectionId, "alphadata");

    private static void AssertNoTraceOfRecords(World w, string body)
    {
        AssertNoTraceOfA(w, body);
        Assert.DoesNotContain("alphadata", body);
        Assert.DoesNotContain(w.AConnectionId.ToString(), body);
    }

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
