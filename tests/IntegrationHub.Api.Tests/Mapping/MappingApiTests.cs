using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests.Mapping;

public class MappingApiTests(MappingApiFactory factory) : IClassFixture<MappingApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string RegionRule = "$raw.CustomField[?(@.Name=='Region')].StringValue";

    private async Task<(TestTenant Tenant, Guid ConnectionId)> SetupAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        return (tenant, await ConnectionTestKit.CreateAsync(tenant.Admin(), "quickbooks"));
    }

    /// <summary>Host invoices (linked or not) and the connection's external records, as a sync would have left them.</summary>
    private async Task SeedAsync(Guid tenantId, Guid connectionId, params (string Id, string? Region, bool Linked)[] invoices)
    {
        await using var db = factory.Database.CreateContext(tenantId);
        var i = 0;
        foreach (var (id, region, linked) in invoices)
        {
            var data = new Dictionary<string, object?>
            {
                ["number"] = "INV-" + id, ["customerId"] = "c1", ["currency"] = "USD", ["issueDate"] = "2026-11-0" + (1 + i % 9), ["total"] = 100 + i,
                ["lines"] = new[] { new { description = "Work", amount = 100 + i } },
            };
            if (region is not null) data["custom"] = new { region };
            db.Records.Add(new SyncRecord { Side = RecordSide.Host, Entity = "Invoice", ExternalId = id, Data = JsonSerializer.SerializeToDocument(data), Hash = "h" + id,
                UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(i) });
            if (linked)
            {
                db.RecordLinks.Add(new RecordLink { ConnectionId = connectionId, Entity = "Invoice", HostId = id, RemoteId = "r" + id, LastPushedHash = "pushed" });
                db.Records.Add(new SyncRecord { Side = RecordSide.External, ConnectionId = connectionId, Entity = "Invoice", ExternalId = "r" + id, Hash = "x" + id,
                    Data = JsonSerializer.SerializeToDocument(data), UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(i),
                    Raw = JsonDocument.Parse($$"""{"Id":"r{{id}}","CustomField":[{"Name":"Region","StringValue":"{{region ?? "none"}}"}]}""") });
            }
            i++;
        }
        await db.SaveChangesAsync(Ct);
    }

    private static object Rules(string transform) => new
    {
        rules = new object[] { new { localPath = "custom.region", remotePath = RegionRule, direction = "outbound", transform = new { type = transform } } },
    };

    [Fact]
    public async Task Get_shows_defaults_tenant_rules_and_the_effective_mapping()
    {
        var (tenant, id) = await SetupAsync();
        var body = await tenant.Reader().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}/mappings/Invoice", Ct);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("activeVersion").ValueKind);
        Assert.Equal(0, body.GetProperty("tenantRules").GetArrayLength());
        var defaults = body.GetProperty("defaultRules").EnumerateArray().ToList();
        Assert.Contains(defaults, r => r.GetProperty("localPath").GetString() == "total" && r.GetProperty("remotePath").GetString() == "total");
        var account = defaults.Single(r => r.GetProperty("localPath").GetString() == "lines[].accountCode");
        Assert.Equal("quickbooks.accounts".Replace("quickbooks", "{provider}"), account.GetProperty("transform").GetProperty("table").GetString());
        Assert.Equal(defaults.Count, body.GetProperty("effectiveRules").GetArrayLength());
    }

    [Fact]
    public async Task Custom_field_mapping_previews_saves_and_resyncs_only_the_affected_records()
    {
        var (tenant, id) = await SetupAsync();
        await SeedAsync(tenant.Id, id, ("1", "emea", true), ("2", "apac", true), ("3", null, true), ("4", "emea", false));
        var admin = tenant.Admin();

        // Preview: the draft applied to the latest host records (outbound) and the connection's records (inbound); nothing written.
        var preview = await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice/preview", new
        {
            rules = new object[]
            {
                new { localPath = "custom.region", remotePath = RegionRule, transform = new { type = "upper" } },
            },
            limit = 50,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewed = await preview.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var outbound = previewed.GetProperty("outbound").EnumerateArray().ToDictionary(s => s.GetProperty("hostId").GetString()!);
        Assert.Equal(4, outbound.Count);
        Assert.Equal("EMEA", outbound["1"].GetProperty("rawPatch").GetProperty("CustomField")[0].GetProperty("StringValue").GetString());
        Assert.Equal(0, outbound["1"].GetProperty("errors").GetArrayLength());
        Assert.False(outbound["3"].GetProperty("rawPatch").TryGetProperty("CustomField", out _));
        var inbound = previewed.GetProperty("inbound").EnumerateArray().ToDictionary(s => s.GetProperty("remoteId").GetString()!);
        Assert.Equal("apac", inbound["r2"].GetProperty("record").GetProperty("custom").GetProperty("region").GetString());
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            Assert.Equal(0, await db.FieldMappings.CountAsync(Ct));
            Assert.Equal(0, await db.SyncRuns.CountAsync(Ct));
        }

        // Save: only the two linked invoices with a region change their output; one push run is queued.
        var saved = await SaveAsync(admin, id, Rules("upper"));
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        Assert.Equal(3, saved.GetProperty("recordsChecked").GetInt32());
        Assert.Equal(2, saved.GetProperty("affectedRecords").GetInt32());
        Assert.Equal(["1", "2"], saved.GetProperty("affectedHostIds").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Contains("2 of 3", saved.GetProperty("message").GetString());
        var runId = saved.GetProperty("syncRunId").GetGuid();
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            var run = await db.SyncRuns.SingleAsync(Ct);
            Assert.Equal((runId, SyncRunKind.Push, SyncTrigger.Manual, SyncRunStatus.Queued), (run.Id, run.Kind, run.Trigger, run.Status));
            Assert.Equal(["Invoice"], run.Entities);
            var links = await db.RecordLinks.OrderBy(l => l.HostId).ToListAsync(Ct);
            Assert.Equal([null, null, "pushed"], links.Select(l => l.LastPushedHash));
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.MappingSaved && a.TenantId == tenant.Id, Ct));
        }

        // Saving the same rules again changes nothing: no records, no run.
        var same = await SaveAsync(admin, id, Rules("upper"));
        Assert.Equal(2, same.GetProperty("version").GetInt32());
        Assert.Equal(0, same.GetProperty("affectedRecords").GetInt32());
        Assert.Equal(JsonValueKind.Null, same.GetProperty("syncRunId").ValueKind);

        var lower = await SaveAsync(admin, id, Rules("lower"));
        Assert.Equal(2, lower.GetProperty("affectedRecords").GetInt32());

        // History and rollback: a new version equal to version 1, which changes the same two records back.
        var versions = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}/mappings/Invoice/versions", Ct);
        Assert.Equal([3, 2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal([true, false, false], versions.EnumerateArray().Select(v => v.GetProperty("isActive").GetBoolean()));
        var rollback = await admin.PostAsync($"/api/v1/connections/{id}/mappings/Invoice/rollback/1", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rollback.StatusCode);
        var rolled = await rollback.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(4, rolled.GetProperty("version").GetInt32());
        Assert.Equal(2, rolled.GetProperty("affectedRecords").GetInt32());
        var current = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}/mappings/Invoice", Ct);
        Assert.Equal(4, current.GetProperty("activeVersion").GetInt32());
        Assert.Equal("upper", current.GetProperty("tenantRules")[0].GetProperty("transform").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/connections/{id}/mappings/Invoice/rollback/99", null, Ct)).StatusCode);
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            Assert.Equal(3, await db.SyncRuns.CountAsync(Ct));
            Assert.Equal(1, (await db.FieldMappings.SingleAsync(m => m.Version == 4, Ct)).RestoredFromVersion);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.MappingRolledBack, Ct));
        }
    }

    private static async Task<JsonElement> SaveAsync(HttpClient client, Guid id, object body)
    {
        var response = await client.PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Bad_rules_are_a_400_problem_naming_rule_field_and_expression_position()
    {
        var (tenant, id) = await SetupAsync();
        var response = await tenant.Admin().PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice", new
        {
            rules = new object[]
            {
                new { localPath = "total", remotePath = "total" },
                new { localPath = "custom.band", remotePath = "$raw.Band", direction = "outbound", transform = new { type = "compute", expression = "record.total >\n  ? 'big' : 'small'" } },
                new { localPath = "lines[x]", remotePath = "lines" },
            },
        }, Ct);
        var problem = await HttpAssert.ProblemAsync(response, 400);
        var errors = problem.GetProperty("errors");
        Assert.Contains("line 2, column 3", errors.GetProperty("rules[1].transform.expression")[0].GetString());
        Assert.Contains("lines[x]", errors.GetProperty("rules[2].localPath")[0].GetString());
        var expression = problem.GetProperty("ruleErrors").EnumerateArray().Single(e => e.GetProperty("index").GetInt32() == 1);
        Assert.Equal((2, 3), (expression.GetProperty("line").GetInt32(), expression.GetProperty("column").GetInt32()));
        await using var db = factory.Database.CreateContext(tenant.Id);
        Assert.Equal(0, await db.FieldMappings.CountAsync(Ct));
    }

    [Fact]
    public async Task Validate_reports_without_saving_and_bad_requests_are_400s()
    {
        var (tenant, id) = await SetupAsync();
        var admin = tenant.Admin();
        var validate = await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice/validate",
            new { rules = new object[] { new { localPath = "status", remotePath = "status", transform = new { type = "lookup", table = "nope" } } } }, Ct);
        var result = await validate.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.False(result.GetProperty("valid").GetBoolean());
        Assert.Contains("'nope' does not exist", result.GetProperty("errors")[0].GetProperty("message").GetString());
        var ok = await (await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice/validate", Rules("trim"), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(ok.GetProperty("valid").GetBoolean());

        await HttpAssert.ProblemAsync(await admin.GetAsync($"/api/v1/connections/{id}/mappings/Spaceship", Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice/preview", new { limit = 51 }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice", new { }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PutAsync($"/api/v1/connections/{id}/mappings/Invoice", new StringContent("{\"rules\":[{\"localPath\":1}]", System.Text.Encoding.UTF8, "application/json"), Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice",
            new { rules = new object[] { new { localPath = "a", remotePath = "b", direction = "sideways" } } }, Ct), 400);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Reader().PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice", Rules("trim"), Ct)).StatusCode);
    }

    [Fact]
    public async Task Unmapped_account_blocks_the_record_in_preview_until_the_lookup_table_maps_it()
    {
        var (tenant, id) = await SetupAsync();
        var admin = tenant.Admin();
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            db.Records.Add(new SyncRecord { Side = RecordSide.Host, Entity = "Invoice", ExternalId = "h1", Hash = "h",
                Data = JsonDocument.Parse("""{"customerId":"c1","currency":"USD","lines":[{"amount":5,"accountCode":"Consulting"}]}""") });
            await db.SaveChangesAsync(Ct);
        }
        var blocked = await (await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice/preview", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var error = blocked.GetProperty("outbound")[0].GetProperty("errors")[0];
        Assert.Equal("lines[0].accountCode", error.GetProperty("path").GetString());
        Assert.Equal("Host category 'Consulting' has no account mapping for QuickBooks Online.", error.GetProperty("reason").GetString());

        var created = await admin.PostAsJsonAsync("/api/v1/lookup-tables", new { name = "quickbooks.accounts", entries = new Dictionary<string, string> { ["Consulting"] = "4000" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mapped = await (await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Invoice/preview", new { }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(0, mapped.GetProperty("outbound")[0].GetProperty("errors").GetArrayLength());
        Assert.Equal("4000", mapped.GetProperty("outbound")[0].GetProperty("canonical").GetProperty("lines")[0].GetProperty("accountCode").GetString());
    }

    [Fact]
    public async Task Lookup_tables_crud_is_versioned_audited_and_validated()
    {
        var (tenant, id) = await SetupAsync();
        var admin = tenant.Admin();
        var created = await admin.PostAsJsonAsync("/api/v1/lookup-tables", new { name = "terms", entries = new Dictionary<string, string> { ["30"] = "NET30" }, fallback = "DUE" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var table = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var tableId = table.GetProperty("id").GetGuid();
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/lookup-tables", new { name = "terms", entries = new { } }, Ct), 409);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/lookup-tables", new { name = "bad name!", entries = new { } }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/lookup-tables", new { name = "no-entries" }, Ct), 400);

        var updated = await admin.PutAsJsonAsync($"/api/v1/lookup-tables/{tableId}", new { name = "terms", entries = new Dictionary<string, string> { ["30"] = "NET30", ["60"] = "NET60" } }, Ct);
        var body = await updated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("NET60", body.GetProperty("entries").GetProperty("60").GetString());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>("/api/v1/lookup-tables", Ct)).EnumerateArray());

        // A table an active mapping uses cannot be deleted.
        await SaveAsync(admin, id, new { rules = new object[] { new { localPath = "terms", remotePath = "$raw.SalesTermRef.name", direction = "outbound", transform = new { type = "lookup", table = "terms" } } } });
        await HttpAssert.ProblemAsync(await admin.DeleteAsync($"/api/v1/lookup-tables/{tableId}", Ct), 409);
        await SaveAsync(admin, id, new { rules = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/lookup-tables/{tableId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/lookup-tables/{tableId}", Ct)).StatusCode);

        await using var db = factory.Database.CreateContext(tenant.Id);
        var actions = await db.AuditEvents.Where(a => a.TargetId == tableId.ToString()).Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal([AuditActions.LookupTableCreated, AuditActions.LookupTableDeleted, AuditActions.LookupTableUpdated], actions.Order());
    }

    [Fact]
    public async Task Account_suggestions_rank_provider_accounts_by_name_and_type()
    {
        var (tenant, id) = await SetupAsync();
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            db.Records.Add(new SyncRecord { Side = RecordSide.Host, Entity = "Invoice", ExternalId = "h1", Hash = "h",
                Data = JsonDocument.Parse("""{"lines":[{"amount":5,"accountCode":"Consulting"},{"amount":1,"accountCode":"Equipment rental"}]}""") });
            foreach (var (code, name, type) in new[] { ("4000", "Consulting Income", "Income"), ("6100", "Consulting Fees Paid", "Expense"), ("4100", "Rental Income", "Income"), ("1200", "Equipment", "Fixed Asset") })
                db.Records.Add(new SyncRecord { Side = RecordSide.External, ConnectionId = id, Entity = "Account", ExternalId = code, Hash = code,
                    Data = JsonSerializer.SerializeToDocument(new { code, name, type, active = true }) });
            await db.SaveChangesAsync(Ct);
        }
        var body = await tenant.Reader().GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}/account-suggestions", Ct);
        Assert.Equal("quickbooks.accounts", body.GetProperty("table").GetString());
        var categories = body.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!);
        Assert.Equal("4000", categories["Consulting"].GetProperty("suggestions")[0].GetProperty("code").GetString());
        Assert.Equal("4100", categories["Equipment rental"].GetProperty("suggestions")[0].GetProperty("code").GetString());
    }
}
