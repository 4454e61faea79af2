using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class ConflictApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestTenant Tenant, Guid Connection)> TenantAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, await SyncTestData.ConnectionAsync(factory.Database, tenant.Id, ConnectionStatus.Active, SyncDirection.Both, CanonicalEntities.Customer));
    }

    /// <summary>A conflict with its host record and link, as the engine leaves them.</summary>
    private async Task<Conflict> ConflictAsync(Guid tenantId, Guid connection, string hostId)
    {
        var conflict = RecordSeed.Conflict(tenantId, connection, hostId, "r-" + hostId);
        await using var db = factory.Database.CreateContext(tenantId);
        db.Records.Add(RecordSeed.Record(tenantId, null, CanonicalEntities.Customer, hostId, conflict.Host.RootElement.GetRawText()));
        db.RecordLinks.Add(new RecordLink { ConnectionId = connection, Entity = CanonicalEntities.Customer, HostId = hostId, RemoteId = conflict.RemoteId, Base = conflict.Base });
        db.Conflicts.Add(conflict);
        await db.SaveChangesAsync(Ct);
        return conflict;
    }

    private async Task<JsonElement> ResolveAsync(HttpClient client, Guid id, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/conflicts/{id}/resolve", body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<(string Email, string Name, ChangeOrigin? Origin)> HostRecordAsync(Guid tenantId, string hostId)
    {
        await using var db = factory.Database.CreateContext(tenantId);
        var record = await db.Records.SingleAsync(r => r.ConnectionId == null && r.ExternalId == hostId, Ct);
        var version = await db.RecordVersions.Where(v => v.RecordId == record.Id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(Ct);
        return (record.Data.RootElement.GetProperty("email").GetString()!, record.Data.RootElement.GetProperty("name").GetString()!, version?.Origin);
    }

    [Fact]
    public async Task Choosing_host_writes_it_sets_the_base_pushes_and_a_second_resolution_is_409()
    {
        var (tenant, connection) = await TenantAsync();
        var conflict = await ConflictAsync(tenant.Id, connection, "h-1");
        var owner = tenant.Owner();

        var detail = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/conflicts/{conflict.Id}", Ct);
        Assert.Equal(("ext@acme.test", "email"), (detail.GetProperty("external").GetProperty("email").GetString(), detail.GetProperty("conflict").GetProperty("conflictingPaths")[0].GetString()));

        var resolved = await ResolveAsync(owner, conflict.Id, new { choose = "host" });
        Assert.True(resolved.GetProperty("pushRequired").GetBoolean());
        Assert.Equal(("resolved", "TakeHost"), (resolved.GetProperty("conflict").GetProperty("conflict").GetProperty("status").GetString(), resolved.GetProperty("conflict").GetProperty("conflict").GetProperty("outcome").GetString()));
        // The host side already held the chosen version: nothing is rewritten (no version), only the external side must change.
        Assert.Equal(("host@acme.test", "acme AS", (ChangeOrigin?)null), await HostRecordAsync(tenant.Id, "h-1"));

        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            var run = await db.SyncRuns.SingleAsync(r => r.Id == resolved.GetProperty("pushRunId").GetGuid(), Ct);
            Assert.Equal((connection, SyncRunKind.Push, SyncTrigger.Manual), (run.ConnectionId, run.Kind, run.Trigger));
            var link = await db.RecordLinks.SingleAsync(l => l.HostId == "h-1", Ct);
            Assert.Equal("host@acme.test", link.Base!.RootElement.GetProperty("email").GetString());
            var stored = await db.Conflicts.SingleAsync(c => c.Id == conflict.Id, Ct);
            Assert.Equal((ConflictStatus.Resolved, tenant.OwnerId), (stored.Status, stored.ResolvedByUserId));
            Assert.True(await db.AuditEvents.AnyAsync(a => a.TenantId == tenant.Id && a.Action == AuditActions.ConflictResolved && a.TargetId == conflict.Id.ToString(), Ct));
        }

        var again = await owner.PostAsJsonAsync($"/api/v1/conflicts/{conflict.Id}/resolve", new { choose = "external" }, Ct);
        await HttpAssert.ProblemAsync(again, 409);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsJsonAsync($"/api/v1/conflicts/{Guid.NewGuid()}/resolve", new { choose = "host" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Choosing_external_writes_it_to_the_host_side_without_a_push()
    {
        var (tenant, connection) = await TenantAsync();
        var conflict = await ConflictAsync(tenant.Id, connection, "h-2");
        var resolved = await ResolveAsync(tenant.Admin(), conflict.Id, new { choose = "external" });
        Assert.False(resolved.GetProperty("pushRequired").GetBoolean());
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("pushRunId").ValueKind);
        Assert.Equal(("ext@acme.test", "acme", (ChangeOrigin?)ChangeOrigin.ConflictResolution), await HostRecordAsync(tenant.Id, "h-2"));
        await using var db = factory.Database.CreateContext(tenant.Id);
        Assert.Equal(0, await db.SyncRuns.CountAsync(Ct));
        var link = await db.RecordLinks.SingleAsync(l => l.HostId == "h-2", Ct);
        Assert.Equal(CanonicalJson.Hash(JsonNode.Parse(conflict.External.RootElement.GetRawText())), link.LastPushedHash);
    }

    [Fact]
    public async Task A_merge_takes_each_conflicting_path_as_chosen_and_keeps_the_other_changes()
    {
        var (tenant, connection) = await TenantAsync();
        var bySide = await ConflictAsync(tenant.Id, connection, "h-3");
        var typed = await ConflictAsync(tenant.Id, connection, "h-4");
        await ResolveAsync(tenant.Admin(), bySide.Id, new { choose = "merged", fields = new Dictionary<string, string> { ["email"] = "external" } });
        var h3 = await HostRecordAsync(tenant.Id, "h-3");
        Assert.Equal(("ext@acme.test", "acme AS"), (h3.Email, h3.Name));
        var merged = await ResolveAsync(tenant.Admin(), typed.Id, new { values = new Dictionary<string, string> { ["email"] = "billing@acme.test" } });
        Assert.Equal("Merged", merged.GetProperty("conflict").GetProperty("conflict").GetProperty("outcome").GetString());
        Assert.Equal("billing@acme.test", (await HostRecordAsync(tenant.Id, "h-4")).Email);
        Assert.Equal("2", merged.GetProperty("conflict").GetProperty("resolution").GetProperty("phone").GetString());
    }

    [Theory]
    [InlineData("""{"choose":"both"}""", "choose")]
    [InlineData("""{"choose":"host","fields":{"email":"host"}}""", "choose")]
    [InlineData("""{"choose":"merged","fields":{"email":"neither"}}""", "fields")]
    [InlineData("""{"choose":"merged","fields":{"phone":"host"}}""", "fields")]
    [InlineData("""{"choose":"merged"}""", "fields")]
    [InlineData("""{"choose":"merged","fields":{"email":"host"},"values":{"email":"x"}}""", "values")]
    public async Task A_wrong_resolution_is_a_400_and_leaves_the_conflict_open(string body, string field)
    {
        var (tenant, connection) = await TenantAsync();
        var conflict = await ConflictAsync(tenant.Id, connection, "h-" + Guid.NewGuid().ToString("N")[..6]);
        var response = await tenant.Admin().PostAsync($"/api/v1/conflicts/{conflict.Id}/resolve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        var problem = await HttpAssert.ProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await using var db = factory.Database.CreateContext(tenant.Id);
        Assert.Equal(ConflictStatus.Open, (await db.Conflicts.SingleAsync(c => c.Id == conflict.Id, Ct)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().PostAsJsonAsync($"/api/v1/conflicts/{conflict.Id}/resolve", new { choose = "host" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Bulk_resolution_by_ids_and_by_filter_skips_what_is_not_open_and_pushes_once_per_connection()
    {
        var (tenant, connection) = await TenantAsync();
        var conflicts = new List<Conflict>();
        for (var i = 0; i < 4; i++) conflicts.Add(await ConflictAsync(tenant.Id, connection, $"b-{i}"));
        var admin = tenant.Admin();
        await ResolveAsync(admin, conflicts[0].Id, new { choose = "external" });
        var missing = Guid.NewGuid();

        var byIds = await (await admin.PostAsJsonAsync("/api/v1/conflicts/resolve-bulk", new { ids = new[] { conflicts[0].Id, conflicts[1].Id, conflicts[2].Id, missing }, choose = "host" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([conflicts[1].Id, conflicts[2].Id], byIds.GetProperty("resolved").EnumerateArray().Select(e => e.GetGuid()).Order().ToArray());
        Assert.Equal(2, byIds.GetProperty("skipped").GetArrayLength());
        Assert.Single(byIds.GetProperty("pushRunIds").EnumerateArray());

        var list = await tenant.Reader().GetFromJsonAsync<JsonElement>("/api/v1/conflicts?status=open&entity=customer", Ct);
        Assert.Equal(conflicts[3].Id, list.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        var byFilter = await (await admin.PostAsJsonAsync("/api/v1/conflicts/resolve-bulk", new { filter = new { connectionId = connection, entity = "Customer" }, choose = "external" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(conflicts[3].Id, byFilter.GetProperty("resolved").EnumerateArray().Single().GetGuid());
        Assert.Empty(byFilter.GetProperty("pushRunIds").EnumerateArray());
        Assert.Equal(4, (await tenant.Reader().GetFromJsonAsync<JsonElement>("/api/v1/conflicts?status=resolved", Ct)).GetProperty("total").GetInt32());

        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/conflicts/resolve-bulk", new { ids = new[] { missing }, choose = "merged" }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/conflicts/resolve-bulk", new { choose = "host" }, Ct), 400);
        await HttpAssert.ProblemAsync(await tenant.Reader().GetAsync("/api/v1/conflicts?status=maybe", Ct), 400);
    }

    [Fact]
    public async Task Approving_a_quarantine_tombstones_its_records_and_rejecting_leaves_them()
    {
        var (tenant, connection) = await TenantAsync();
        var records = Enumerable.Range(0, 3).Select(i => RecordSeed.Record(tenant.Id, connection, CanonicalEntities.Customer, $"q-{i}", $$"""{"name":"Q{{i}}"}""")).ToList();
        var run = Guid.NewGuid();
        var approve = new DeleteQuarantine { ConnectionId = connection, SyncRunId = run, Entity = CanonicalEntities.Customer, RecordIds = [records[0].Id, records[1].Id], EntityTotal = 3 };
        var reject = new DeleteQuarantine { ConnectionId = connection, SyncRunId = run, Entity = CanonicalEntities.Customer, RecordIds = [records[2].Id], EntityTotal = 3 };
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            db.Records.AddRange(records);
            db.DeleteQuarantines.AddRange(approve, reject);
            await db.SaveChangesAsync(Ct);
        }
        var admin = tenant.Owner();
        Assert.Equal(2, (await tenant.Reader().GetFromJsonAsync<JsonElement>("/api/v1/delete-quarantines?status=pending", Ct)).GetProperty("total").GetInt32());

        var approved = await (await admin.PostAsync($"/api/v1/delete-quarantines/{approve.Id}/approve", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, "approved"), (approved.GetProperty("deleted").GetInt32(), approved.GetProperty("quarantine").GetProperty("status").GetString()));
        await HttpAssert.ProblemAsync(await admin.PostAsync($"/api/v1/delete-quarantines/{approve.Id}/approve", null, Ct), 409);
        await HttpAssert.ProblemAsync(await admin.PostAsync($"/api/v1/delete-quarantines/{approve.Id}/reject", null, Ct), 409);
        Assert.Equal("rejected", (await (await admin.PostAsync($"/api/v1/delete-quarantines/{reject.Id}/reject", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/delete-quarantines/{Guid.NewGuid()}/approve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().PostAsync($"/api/v1/delete-quarantines/{reject.Id}/reject", null, Ct)).StatusCode);

        await using var check = factory.Database.CreateContext(tenant.Id);
        var after = await check.Records.Where(r => r.ConnectionId == connection).OrderBy(r => r.ExternalId).ToListAsync(Ct);
        Assert.Equal([true, true, false], after.Select(r => r.DeletedAt is not null));
        var versions = await check.RecordVersions.Where(v => v.RecordId == records[0].Id).ToListAsync(Ct);
        Assert.Equal((ChangeKind.Deleted, ChangeOrigin.Api), (versions.Single().Kind, versions.Single().Origin));
        var stored = await check.DeleteQuarantines.SingleAsync(q => q.Id == approve.Id, Ct);
        Assert.Equal((QuarantineStatus.Approved, tenant.OwnerId), (stored.Status, stored.DecidedByUserId));
        Assert.Equal(2, await check.AuditEvents.CountAsync(a => a.TenantId == tenant.Id && a.Action.StartsWith("delete_quarantine."), Ct));
    }
}
