using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
namespace IntegrationHub.Api.Tests;

/// <summary>One case per tenant endpoint: tenant B (by key or session) must find no trace of tenant A.</summary>
public sealed partial class CrossTenantTests
{
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
        ["GET /api/v1/connections/{id:guid}/health"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/health", Ct)),
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
        ["GET /api/v1/webhook-endpoints"] = async (w, b) =>
        {
            var a = await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            var body = await b.GetStringAsync("/api/v1/webhook-endpoints", Ct);
            AssertNoTraceOfA(w, body);
            Assert.DoesNotContain(a.EndpointId.ToString(), body);
        },
        ["GET /api/v1/webhook-endpoints/{id:guid}"] = async (w, b) =>
            await NotFoundAsync(b.GetAsync($"/api/v1/webhook-endpoints/{(await WebhookTestKit.CreateAsync(w.A, w.AConnectionId)).EndpointId}", Ct)),
        ["POST /api/v1/webhook-endpoints"] = async (w, b) =>
        {
            Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/webhook-endpoints",
                new { url = "https://hooks.example.com/b", description = "B hook", eventTypes = new[] { "*" } }, Ct)).StatusCode);
            Assert.DoesNotContain("B hook", await w.A.Admin().GetStringAsync("/api/v1/webhook-endpoints", Ct));
        },
        ["PATCH /api/v1/webhook-endpoints/{id:guid}"] = async (w, b) =>
        {
            var a = await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            await NotFoundAsync(b.PatchAsJsonAsync($"/api/v1/webhook-endpoints/{a.EndpointId}", new { url = "https://evil.example.com/" }, Ct));
            Assert.Contains("hooks.example.com/alpha", await w.A.Admin().GetStringAsync($"/api/v1/webhook-endpoints/{a.EndpointId}", Ct));
        },
        ["DELETE /api/v1/webhook-endpoints/{id:guid}"] = async (w, b) =>
        {
            var a = await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            await NotFoundAsync(b.DeleteAsync($"/api/v1/webhook-endpoints/{a.EndpointId}", Ct));
            Assert.Equal(HttpStatusCode.OK, (await w.A.Admin().GetAsync($"/api/v1/webhook-endpoints/{a.EndpointId}", Ct)).StatusCode);
        },
        ["POST /api/v1/webhook-endpoints/{id:guid}/rotate-secret"] = async (w, b) =>
            await NotFoundAsync(b.PostAsync($"/api/v1/webhook-endpoints/{(await WebhookTestKit.CreateAsync(w.A, w.AConnectionId)).EndpointId}/rotate-secret", null, Ct)),
        ["GET /api/v1/webhook-endpoints/{id:guid}/messages"] = async (w, b) =>
            await NotFoundAsync(b.GetAsync($"/api/v1/webhook-endpoints/{(await WebhookTestKit.CreateAsync(w.A, w.AConnectionId)).EndpointId}/messages", Ct)),
        ["POST /api/v1/webhook-endpoints/{id:guid}/recover"] = async (w, b) =>
        {
            var a = await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            await NotFoundAsync(b.PostAsJsonAsync($"/api/v1/webhook-endpoints/{a.EndpointId}/recover", new { since = DateTimeOffset.UtcNow.AddDays(-1) }, Ct));
            Assert.Contains("deadLettered", await w.A.Admin().GetStringAsync($"/api/v1/webhook-endpoints/{a.EndpointId}/messages", Ct));
        },
        ["GET /api/v1/webhook-messages/{messageId:long}/attempts"] = async (w, b) =>
            await NotFoundAsync(b.GetAsync($"/api/v1/webhook-messages/{(await WebhookTestKit.CreateAsync(w.A, w.AConnectionId)).MessageId}/attempts", Ct)),
        ["POST /api/v1/webhook-messages/{messageId:long}/resend"] = async (w, b) =>
        {
            var a = await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            await NotFoundAsync(b.PostAsync($"/api/v1/webhook-messages/{a.MessageId}/resend", null, Ct));
            Assert.Contains("deadLettered", await w.A.Admin().GetStringAsync($"/api/v1/webhook-endpoints/{a.EndpointId}/messages", Ct));
        },
        ["GET /api/v1/connections/{id:guid}/inbound-events"] = async (w, b) =>
        {
            await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            await NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/inbound-events", Ct));
        },
        ["POST /api/v1/inbound-events/{eventId:long}/replay"] = async (w, b) =>
        {
            var a = await WebhookTestKit.CreateAsync(w.A, w.AConnectionId);
            await NotFoundAsync(b.PostAsync($"/api/v1/inbound-events/{a.InboundEventId}/replay", null, Ct));
            Assert.Contains("\"failed\"", await w.A.Admin().GetStringAsync($"/api/v1/connections/{w.AConnectionId}/inbound-events", Ct));
        },
        // Records, runs, conflicts and quarantines: tenant A's rows are seeded per case with the marker "alphadata".
        ["POST /api/v1/records/{entity}"] = async (w, b) =>
        {
            var a = await SeedAAsync(w);
            Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/records/customer", new { id = "alphadata-host", name = "B's own" }, Ct)).StatusCode);
            var record = await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/records/{a.HostRecordId}", Ct);
            Assert.Equal(1, record.GetProperty("record").GetProperty("version").GetInt32());
        },
        ["DELETE /api/v1/records/{entity}/{id}"] = async (w, b) =>
        {
            var a = await SeedAAsync(w);
            await NotFoundAsync(b.DeleteAsync("/api/v1/records/customer/alphadata-host", Ct));
            var record = await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/records/{a.HostRecordId}", Ct);
            Assert.Equal(JsonValueKind.Null, record.GetProperty("record").GetProperty("deletedAt").ValueKind);
        },
        ["GET /api/v1/records"] = async (w, b) => { await SeedAAsync(w); AssertNoTraceOfRecords(w, await b.GetStringAsync("/api/v1/records?q=alphadata", Ct)); },
        ["GET /api/v1/records/{recordId:guid}"] = async (w, b) => await NotFoundAsync(b.GetAsync($"/api/v1/records/{(await SeedAAsync(w)).HostRecordId}", Ct)),
        ["GET /api/v1/records/{recordId:guid}/versions"] = async (w, b) => await NotFoundAsync(b.GetAsync($"/api/v1/records/{(await SeedAAsync(w)).HostRecordId}/versions", Ct)),
        ["GET /api/v1/connections/{id:guid}/links"] = async (w, b) => { await SeedAAsync(w); await NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/links", Ct)); },
        ["GET /api/v1/sync-runs"] = async (w, b) => { await SeedAAsync(w); AssertNoTraceOfRecords(w, await b.GetStringAsync("/api/v1/sync-runs?pageSize=200", Ct)); },
        ["GET /api/v1/sync-runs/{id:guid}"] = async (w, b) => await NotFoundAsync(b.GetAsync($"/api/v1/sync-runs/{(await SeedAAsync(w)).RunId}", Ct)),
        ["GET /api/v1/sync-runs/{id:guid}/progress"] = async (w, b) => await NotFoundAsync(b.GetAsync($"/api/v1/sync-runs/{(await SeedAAsync(w)).RunId}/progress", Ct)),
        ["GET /api/v1/conflicts"] = async (w, b) => { await SeedAAsync(w); AssertNoTraceOfRecords(w, await b.GetStringAsync("/api/v1/conflicts?pageSize=200", Ct)); },
        ["GET /api/v1/conflicts/{id:guid}"] = async (w, b) => await NotFoundAsync(b.GetAsync($"/api/v1/conflicts/{(await SeedAAsync(w)).ConflictId}", Ct)),
        ["POST /api/v1/conflicts/{id:guid}/resolve"] = async (w, b) =>
        {
            var a = await SeedAAsync(w);
            await NotFoundAsync(b.PostAsJsonAsync($"/api/v1/conflicts/{a.ConflictId}/resolve", new { choose = "host" }, Ct));
            Assert.Equal("open", (await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/conflicts/{a.ConflictId}", Ct)).GetProperty("conflict").GetProperty("status").GetString());
        },
        ["POST /api/v1/conflicts/resolve-bulk"] = async (w, b) =>
        {
            var a = await SeedAAsync(w);
            var byIds = await b.PostAsJsonAsync("/api/v1/conflicts/resolve-bulk", new { ids = new[] { a.ConflictId }, choose = "host" }, Ct);
            Assert.Empty((await byIds.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("resolved").EnumerateArray());
            var byFilter = await b.PostAsJsonAsync("/api/v1/conflicts/resolve-bulk", new { filter = new { connectionId = w.AConnectionId }, choose = "host" }, Ct);
            Assert.Empty((await byFilter.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("resolved").EnumerateArray());
            Assert.Equal("open", (await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/conflicts/{a.ConflictId}", Ct)).GetProperty("conflict").GetProperty("status").GetString());
        },
        ["GET /api/v1/delete-quarantines"] = async (w, b) => { await SeedAAsync(w); AssertNoTraceOfRecords(w, await b.GetStringAsync("/api/v1/delete-quarantines?pageSize=200", Ct)); },
        ["POST /api/v1/delete-quarantines/{id:guid}/approve"] = async (w, b) =>
        {
            var a = await SeedAAsync(w);
            await NotFoundAsync(b.PostAsync($"/api/v1/delete-quarantines/{a.QuarantineId}/approve", null, Ct));
            Assert.Contains("pending", await w.A.Admin().GetStringAsync("/api/v1/delete-quarantines", Ct));
        },
        ["POST /api/v1/delete-quarantines/{id:guid}/reject"] = async (w, b) =>
        {
            var a = await SeedAAsync(w);
            await NotFoundAsync(b.PostAsync($"/api/v1/delete-quarantines/{a.QuarantineId}/reject", null, Ct));
            Assert.Contains("pending", await w.A.Admin().GetStringAsync("/api/v1/delete-quarantines", Ct));
        },
        ["GET /api/v1/connections/{id:guid}/sync-configs"] = (w, b) => NotFoundAsync(b.GetAsync($"/api/v1/connections/{w.AConnectionId}/sync-configs", Ct)),
        ["PUT /api/v1/connections/{id:guid}/sync-configs/{entity}"] = async (w, b) =>
        {
            await NotFoundAsync(b.PutAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/sync-configs/Customer", new { enabled = false }, Ct));
            var configs = await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{w.AConnectionId}/sync-configs", Ct);
            Assert.True(Assert.Single(configs.EnumerateArray()).GetProperty("enabled").GetBoolean());
        },
        ["DELETE /api/v1/connections/{id:guid}/sync-configs/{entity}"] = async (w, b) =>
        {
            await NotFoundAsync(b.DeleteAsync($"/api/v1/connections/{w.AConnectionId}/sync-configs/Customer", Ct));
            Assert.Single((await w.A.Admin().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{w.AConnectionId}/sync-configs", Ct)).EnumerateArray());
        },
        ["POST /api/v1/connections/{id:guid}/sync"] = async (w, b) =>
        {
            await NotFoundAsync(b.PostAsJsonAsync($"/api/v1/connections/{w.AConnectionId}/sync", new { entities = new[] { "Customer" } }, Ct));
            await using var db = w.A.Factory.Database.CreateContext(w.A.Id);
            Assert.Equal(1, await db.SyncRuns.CountAsync(Ct));
        },
        ["GET /api/v1/dead-letter"] = async (w, b) =>
        {
            var body = await b.GetStringAsync("/api/v1/dead-letter", Ct);
            AssertNoTraceOfA(w, body);
            Assert.DoesNotContain(AJobId, body);
            Assert.Contains(AJobId, await w.A.Reader().GetStringAsync("/api/v1/dead-letter", Ct));
        },
        ["POST /api/v1/dead-letter/redrive"] = async (w, b) =>
        {
            foreach (var body in new object[] { new { jobIds = new[] { AJobId } }, new { all = true } })
            {
                var response = await b.PostAsJsonAsync("/api/v1/dead-letter/redrive", body, Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.DoesNotContain(AJobId, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requeued").GetRawText());
            }
            await using var db = w.A.Factory.Database.CreateContext(w.A.Id);
            Assert.Equal(Core.Sync.SyncRunStatus.Failed, (await db.SyncRuns.SingleAsync(Ct)).Status);
        },
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
}
