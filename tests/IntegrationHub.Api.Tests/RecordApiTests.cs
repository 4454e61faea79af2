using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class RecordApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Create_unchanged_update_and_delete_give_versions_diffs_and_pushes()
    {
        var tenant = await factory.CreateTenantAsync();
        var outbound = await SyncTestData.ConnectionAsync(factory.Database, tenant.Id, ConnectionStatus.Active, SyncDirection.Outbound, CanonicalEntities.Invoice);
        await SyncTestData.ConnectionAsync(factory.Database, tenant.Id, ConnectionStatus.Active, SyncDirection.Inbound, CanonicalEntities.Invoice);
        var writer = factory.ClientWithKey(tenant.Keys[ApiScopes.Write]);

        var created = await BodyAsync(await writer.PostAsync("/api/v1/records/invoice", Json("""{"id":"inv-1","number":"INV-1","total":10}"""), Ct), HttpStatusCode.Created);
        Assert.Equal((1, true, "created", "Invoice", "inv-1"), (created.GetProperty("version").GetInt32(), created.GetProperty("changed").GetBoolean(),
            created.GetProperty("change").GetString(), created.GetProperty("entity").GetString(), created.GetProperty("externalId").GetString()));
        Assert.Single(created.GetProperty("pushRunIds").EnumerateArray());
        var id = created.GetProperty("id").GetGuid();

        var same = await BodyAsync(await writer.PostAsync("/api/v1/records/Invoice", Json("""{"total":10.00,"number":"INV-1","id":"inv-1"}"""), Ct), HttpStatusCode.OK);
        Assert.Equal((1, false, created.GetProperty("hash").GetString()), (same.GetProperty("version").GetInt32(), same.GetProperty("changed").GetBoolean(), same.GetProperty("hash").GetString()));
        Assert.Empty(same.GetProperty("pushRunIds").EnumerateArray());

        var updated = await BodyAsync(await writer.PostAsync("/api/v1/records/invoice", Json("""{"id":"inv-1","number":"INV-1","total":12}"""), Ct), HttpStatusCode.OK);
        Assert.Equal((2, "updated"), (updated.GetProperty("version").GetInt32(), updated.GetProperty("change").GetString()));

        var versions = await BodyAsync(await tenant.Reader().GetAsync($"/api/v1/records/{id}/versions", Ct), HttpStatusCode.OK);
        Assert.Equal(2, versions.GetProperty("total").GetInt32());
        var latest = versions.GetProperty("items")[0];
        Assert.Equal(("Api", 2), (latest.GetProperty("origin").GetString(), latest.GetProperty("version").GetInt32()));
        var diff = latest.GetProperty("diff")[0];
        Assert.Equal(("total", 10m, 12m), (diff.GetProperty("path").GetString(), diff.GetProperty("old").GetDecimal(), diff.GetProperty("new").GetDecimal()));

        var deleted = await BodyAsync(await writer.DeleteAsync("/api/v1/records/invoice/inv-1", Ct), HttpStatusCode.OK);
        Assert.Equal((3, true, "deleted"), (deleted.GetProperty("version").GetInt32(), deleted.GetProperty("deleted").GetBoolean(), deleted.GetProperty("change").GetString()));
        var again = await BodyAsync(await writer.DeleteAsync("/api/v1/records/invoice/inv-1", Ct), HttpStatusCode.OK);
        Assert.False(again.GetProperty("changed").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync("/api/v1/records/invoice/nope", Ct)).StatusCode);

        var detail = await BodyAsync(await tenant.Reader().GetAsync($"/api/v1/records/{id}", Ct), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, detail.GetProperty("record").GetProperty("deletedAt").ValueKind);
        Assert.Equal("deleted", detail.GetProperty("latestVersion").GetProperty("kind").GetString());

        await using var db = factory.Database.CreateContext(tenant.Id);
        var runs = await db.SyncRuns.ToListAsync(Ct);
        Assert.Equal(3, runs.Count);
        Assert.All(runs, r => Assert.Equal((outbound, SyncRunKind.Push, SyncRunStatus.Queued), (r.ConnectionId, r.Kind, r.Status)));
        Assert.Equal(3, await db.OutboxEvents.CountAsync(e => e.TenantId == tenant.Id && e.Type.StartsWith("record."), Ct));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_result_and_refuses_a_different_request()
    {
        var tenant = await factory.CreateTenantAsync();
        var writer = factory.ClientWithKey(tenant.Keys[ApiScopes.Write]);
        HttpRequestMessage Request(string body) => new(HttpMethod.Post, "/api/v1/records/customer") { Content = Json(body), Headers = { { "Idempotency-Key", "k-1" } } };

        var first = await BodyAsync(await writer.SendAsync(Request("""{"id":"c-1","name":"Acme"}"""), Ct), HttpStatusCode.Created);
        var replay = await BodyAsync(await writer.SendAsync(Request("""{"id":"c-1","name":"Acme"}"""), Ct), HttpStatusCode.OK);
        Assert.True(replay.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());
        await HttpAssert.ProblemAsync(await writer.SendAsync(Request("""{"id":"c-1","name":"Other"}"""), Ct), 409);

        // Keys are per tenant: another tenant's identical key is a new request.
        var other = await factory.CreateTenantAsync();
        var otherRequest = Request("""{"id":"c-1","name":"Acme"}""");
        Assert.Equal(HttpStatusCode.Created, (await factory.ClientWithKey(other.Keys[ApiScopes.Write]).SendAsync(otherRequest, Ct)).StatusCode);

        await using var db = factory.Database.CreateContext(tenant.Id);
        Assert.Equal(1, await db.RecordVersions.CountAsync(Ct));
    }

    [Theory]
    [InlineData("widget", """{"id":"1"}""", "entity")]
    [InlineData("invoice", """[1,2]""", "body")]
    [InlineData("invoice", """{"number":"1"}""", "id")]
    [InlineData("invoice", """{"id":5}""", "id")]
    [InlineData("invoice", """{"id":"  "}""", "id")]
    [InlineData("invoice", "{\"id\":\"LONG\"}", "id")]
    [InlineData("invoice", """{"id":"1",""", "body")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string entity, string body, string field)
    {
        var tenant = await factory.CreateTenantAsync();
        var response = await tenant.Admin().PostAsync($"/api/v1/records/{entity}", Json(body.Replace("LONG", new string('x', 201))), Ct);
        var problem = await HttpAssert.ProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Writing_needs_the_write_scope()
    {
        var tenant = await factory.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().PostAsync("/api/v1/records/customer", Json("""{"id":"c"}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().DeleteAsync("/api/v1/records/customer/c", Ct)).StatusCode);
        var bad = factory.ClientWithKey(tenant.Keys[ApiScopes.Write]);
        bad.DefaultRequestHeaders.Add("Idempotency-Key", new string('k', 151));
        await HttpAssert.ProblemAsync(await bad.PostAsync("/api/v1/records/customer", Json("""{"id":"c"}"""), Ct), 400);
    }

    [Fact]
    public async Task Records_list_filters_by_entity_side_connection_text_and_pages_with_a_total()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await SyncTestData.ConnectionAsync(factory.Database, tenant.Id, ConnectionStatus.Active, SyncDirection.Both, CanonicalEntities.Customer);
        var seeded = await RecordSeed.EverythingAsync(factory.Database, tenant.Id, connection, "zeta");
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            db.Records.Add(RecordSeed.Record(tenant.Id, null, CanonicalEntities.Customer, "c-100", """{"name":"Discount 100% Ltd"}"""));
            db.Records.Add(RecordSeed.Record(tenant.Id, null, CanonicalEntities.Item, "i-1", """{"name":"Hammer"}"""));
            await db.SaveChangesAsync(Ct);
        }
        var reader = tenant.Reader();
        async Task<(int Total, string[] Ids)> ListAsync(string query)
        {
            var body = await BodyAsync(await reader.GetAsync("/api/v1/records?" + query, Ct), HttpStatusCode.OK);
            return (body.GetProperty("total").GetInt32(), [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("externalId").GetString()!)]);
        }

        Assert.Equal(3, (await ListAsync("entity=customer")).Total);
        Assert.Equal(["zeta-remote"], (await ListAsync("side=external")).Ids);
        Assert.Equal(["zeta-remote"], (await ListAsync($"connectionId={connection}")).Ids);
        Assert.Equal(2, (await ListAsync("q=ZETA")).Total);
        Assert.Equal(["c-100"], (await ListAsync("q=" + Uri.EscapeDataString("100%"))).Ids);
        Assert.Empty((await ListAsync("q=" + Uri.EscapeDataString("%_"))).Ids);
        Assert.Equal(["i-1"], (await ListAsync("q=hammer&entity=item&side=host")).Ids);
        var paged = await ListAsync("pageSize=1&page=2");
        Assert.Equal((4, 1), (paged.Total, paged.Ids.Length));
        Assert.Equal(0, (await ListAsync("updatedSince=" + Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O")))).Total);
        await HttpAssert.ProblemAsync(await reader.GetAsync("/api/v1/records?side=left", Ct), 400);
        await HttpAssert.ProblemAsync(await reader.GetAsync("/api/v1/records?entity=widget", Ct), 400);

        var detail = await BodyAsync(await reader.GetAsync($"/api/v1/records/{seeded.HostRecordId}", Ct), HttpStatusCode.OK);
        Assert.Equal("zeta-remote", detail.GetProperty("links")[0].GetProperty("remoteId").GetString());
        Assert.Equal(1, detail.GetProperty("latestVersion").GetProperty("version").GetInt32());
        var fromExternal = await BodyAsync(await reader.GetAsync($"/api/v1/records/{seeded.ExternalRecordId}", Ct), HttpStatusCode.OK);
        Assert.Equal("zeta-host", fromExternal.GetProperty("links")[0].GetProperty("hostId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/records/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/records/{Guid.NewGuid()}/versions", Ct)).StatusCode);

        var links = await BodyAsync(await reader.GetAsync($"/api/v1/connections/{connection}/links?entity=customer", Ct), HttpStatusCode.OK);
        Assert.Equal(1, links.GetProperty("total").GetInt32());
        Assert.Equal(0, (await BodyAsync(await reader.GetAsync($"/api/v1/connections/{connection}/links?entity=invoice", Ct), HttpStatusCode.OK)).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/connections/{Guid.NewGuid()}/links", Ct)).StatusCode);
    }
}
