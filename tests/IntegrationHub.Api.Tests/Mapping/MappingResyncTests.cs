using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Api.Tests.Jobs;

namespace IntegrationHub.Api.Tests.Mapping;

/// <summary>
/// Issue 8's "done when", end to end through the Api: a custom host field mapped to a QuickBooks custom field (and to
/// a Xero contact field) with a transform is previewed, saved, and only the records whose output changed are pushed
/// again by the real worker, with the mapping version on their record versions.
/// </summary>
public sealed class MappingResyncTests(MappingSyncApiFactory factory) : IClassFixture<MappingSyncApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string RegionField = "$raw.CustomField[?(@.Name=='Region')].StringValue";

    [Fact]
    public async Task A_host_region_mapped_to_a_QBO_custom_field_is_previewed_saved_and_re_pushed_only_where_it_changes_the_output()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = tenant.Admin();
        var (id, callback) = await ConnectionTestKit.ConnectAsync(factory, admin, "quickbooks");
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] hostIds = [$"north-{suffix}", $"south-{suffix}", $"none-{suffix}"];
        await WriteCustomerAsync(admin, hostIds[0], $"North Haulage {suffix}", "north");
        await WriteCustomerAsync(admin, hostIds[1], $"South Scaffolds {suffix}", "south");
        await WriteCustomerAsync(admin, hostIds[2], $"Central Plant {suffix}", null);
        // Outbound only, on a schedule that does not fire during the test: the runs below are the only ones.
        (await admin.PutAsJsonAsync($"/api/v1/connections/{id}/sync-configs/Customer", new { direction = "outbound", cron = "0 3 1 1 *" }, Ct)).EnsureSuccessStatusCode();
        var first = await RunAsync(admin, await SyncNowAsync(admin, id));
        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        var linksBefore = await LinksAsync(admin, id);
        Assert.All(hostIds, h => Assert.True(linksBefore.ContainsKey(h), $"{h} was not pushed"));
        var customerPostsBefore = (await factory.Simulator.RequestsAsync("POST", "/customer")).Length;

        // Preview: the draft's output for the latest host customers; nothing is written.
        object[] rules = [new { localPath = "region", remotePath = RegionField, direction = "outbound", transform = new { type = "upper" } }];
        var preview = await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Customer/preview", new { rules, limit = 10 }, Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var samples = (await preview.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("outbound").EnumerateArray()
            .ToDictionary(s => s.GetProperty("hostId").GetString()!);
        Assert.Equal("NORTH", RegionOf(samples[hostIds[0]].GetProperty("rawPatch")));
        Assert.Equal("SOUTH", RegionOf(samples[hostIds[1]].GetProperty("rawPatch")));
        Assert.Null(RegionOf(samples[hostIds[2]].GetProperty("rawPatch")));
        Assert.All(samples.Values, s => Assert.Equal(0, s.GetProperty("errors").GetArrayLength()));

        // Save: two of the three synced customers change their output; the response names them and the queued push run.
        var save = await admin.PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Customer", new { rules }, Ct);
        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        var saved = await save.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((1, 3, 2), (saved.GetProperty("version").GetInt32(), saved.GetProperty("recordsChecked").GetInt32(), saved.GetProperty("affectedRecords").GetInt32()));
        Assert.Equal(hostIds[..2].Order(StringComparer.Ordinal), saved.GetProperty("affectedHostIds").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));

        // The targeted run: exactly the two affected customers are updated at QuickBooks, nothing is created.
        var run = await RunAsync(admin, saved.GetProperty("syncRunId").GetGuid());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        var counts = run.GetProperty("counts").GetProperty("Customer");
        Assert.Equal((2, 2, 0, 0), (counts.GetProperty("processed").GetInt32(), counts.GetProperty("updated").GetInt32(),
            counts.GetProperty("created").GetInt32(), counts.GetProperty("failed").GetInt32()));
        Assert.Equal(customerPostsBefore + 2, (await factory.Simulator.RequestsAsync("POST", "/customer")).Length);

        // QuickBooks holds the value (its answer is stored as the external record), and that version notes mapping version 1.
        var linksAfter = await LinksAsync(admin, id);
        foreach (var (hostId, region) in new[] { (hostIds[0], "NORTH"), (hostIds[1], "SOUTH") })
        {
            var external = await ExternalRecordAsync(admin, id, linksAfter[hostId].GetProperty("remoteId").GetString()!);
            Assert.Equal(region, RegionOf(external.GetProperty("data").GetProperty("$raw")));
            var latest = (await VersionsAsync(admin, external))[0];
            Assert.Equal(1, latest.GetProperty("mappingVersion").GetInt32());
            Assert.Equal(saved.GetProperty("syncRunId").GetGuid(), latest.GetProperty("syncRunId").GetGuid());
            Assert.Contains(latest.GetProperty("diff").EnumerateArray(), d => d.GetProperty("path").GetString()!.StartsWith("$raw", StringComparison.Ordinal));
            Assert.NotEqual(linksBefore[hostId].GetProperty("lastPushedAt").GetDateTimeOffset(), linksAfter[hostId].GetProperty("lastPushedAt").GetDateTimeOffset());
        }
        // The unaffected customer was not sent again and its external record has no version from the mapping.
        Assert.Equal(linksBefore[hostIds[2]].GetProperty("lastPushedAt").GetDateTimeOffset(), linksAfter[hostIds[2]].GetProperty("lastPushedAt").GetDateTimeOffset());
        var untouched = await ExternalRecordAsync(admin, id, linksAfter[hostIds[2]].GetProperty("remoteId").GetString()!);
        Assert.False(untouched.GetProperty("data").TryGetProperty("$raw", out _));
        Assert.All(await VersionsAsync(admin, untouched), v => Assert.Equal(JsonValueKind.Null, v.GetProperty("mappingVersion").ValueKind));

        // A later push run finds nothing to send: the echo of the mapped write hashes equal.
        var again = await RunAsync(admin, await SyncNowAsync(admin, id));
        Assert.Equal(0, again.GetProperty("counts").GetProperty("Customer").GetProperty("processed").GetInt32());
    }

    [Fact]
    public async Task A_host_region_mapped_to_the_Xero_contact_account_number_is_re_pushed_only_where_it_changes_the_output()
    {
        var tenant = await factory.CreateTenantAsync();
        var admin = tenant.Admin();
        var (id, _) = await ConnectionTestKit.ConnectAsync(factory, admin, "xero", tenants => tenants.Take(1));
        Assert.Equal("active", (await ConnectionTestKit.GetAsync(admin, id)).GetProperty("status").GetString());
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] hostIds = [$"x-north-{suffix}", $"x-none-{suffix}"];
        await WriteCustomerAsync(admin, hostIds[0], $"Northern Lifts {suffix}", "north");
        await WriteCustomerAsync(admin, hostIds[1], $"Plain Hire {suffix}", null);
        (await admin.PutAsJsonAsync($"/api/v1/connections/{id}/sync-configs/Customer", new { direction = "outbound", cron = "0 3 1 1 *" }, Ct)).EnsureSuccessStatusCode();
        Assert.Equal("succeeded", (await RunAsync(admin, await SyncNowAsync(admin, id))).GetProperty("status").GetString());
        var linksBefore = await LinksAsync(admin, id);

        // Xero contacts have no custom fields; the region goes to the contact's AccountNumber, a provider field the default mapping leaves alone.
        object[] rules = [new { localPath = "region", remotePath = "$raw.AccountNumber", direction = "outbound", transform = new { type = "upper" } }];
        var preview = await (await admin.PostAsJsonAsync($"/api/v1/connections/{id}/mappings/Customer/preview", new { rules }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("NORTH", preview.GetProperty("outbound").EnumerateArray().Single(s => s.GetProperty("hostId").GetString() == hostIds[0])
            .GetProperty("rawPatch").GetProperty("AccountNumber").GetString());
        var saved = await (await admin.PutAsJsonAsync($"/api/v1/connections/{id}/mappings/Customer", new { rules }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, 1), (saved.GetProperty("recordsChecked").GetInt32(), saved.GetProperty("affectedRecords").GetInt32()));

        var run = await RunAsync(admin, saved.GetProperty("syncRunId").GetGuid());
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1, run.GetProperty("counts").GetProperty("Customer").GetProperty("updated").GetInt32());
        var linksAfter = await LinksAsync(admin, id);
        var external = await ExternalRecordAsync(admin, id, linksAfter[hostIds[0]].GetProperty("remoteId").GetString()!);
        Assert.Equal("NORTH", external.GetProperty("data").GetProperty("$raw").GetProperty("AccountNumber").GetString());
        var latest = (await VersionsAsync(admin, external))[0];
        Assert.Equal((1, saved.GetProperty("syncRunId").GetGuid()), (latest.GetProperty("mappingVersion").GetInt32(), latest.GetProperty("syncRunId").GetGuid()));
        Assert.Equal(linksBefore[hostIds[1]].GetProperty("lastPushedAt").GetDateTimeOffset(), linksAfter[hostIds[1]].GetProperty("lastPushedAt").GetDateTimeOffset());
    }

    private static string? RegionOf(JsonElement raw) =>
        raw.TryGetProperty("CustomField", out var fields)
            ? fields.EnumerateArray().Where(f => f.GetProperty("Name").GetString() == "Region").Select(f => f.GetProperty("StringValue").GetString()).SingleOrDefault()
            : null;

    private static async Task WriteCustomerAsync(HttpClient admin, string hostId, string name, string? region)
    {
        var body = new Dictionary<string, object?> { ["id"] = hostId, ["name"] = name, ["companyName"] = name + " Ltd", ["email"] = "ap@example.test", ["currency"] = "USD" };
        if (region is not null) body["region"] = region;
        (await admin.PostAsJsonAsync("/api/v1/records/Customer", body, Ct)).EnsureSuccessStatusCode();
    }

    private static async Task<Guid> SyncNowAsync(HttpClient admin, Guid id)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/connections/{id}/sync", new { entities = new[] { "Customer" }, mode = "incremental" }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>Waits (the worker runs it) until the run has finished; returns the run.</summary>
    private static async Task<JsonElement> RunAsync(HttpClient admin, Guid runId)
    {
        JsonElement run = default;
        await Eventually.HoldsAsync(async () =>
        {
            run = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sync-runs/{runId}", Ct)).GetProperty("run");
            return run.GetProperty("status").GetString() is "succeeded" or "completed_with_errors" or "failed" or "cancelled";
        }, TimeSpan.FromSeconds(90), () => $"run {runId}: {run}");
        return run;
    }

    /// <summary>The record's versions, newest first.</summary>
    private static async Task<List<JsonElement>> VersionsAsync(HttpClient admin, JsonElement record) =>
        [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/records/{record.GetProperty("id").GetGuid()}/versions", Ct)).GetProperty("items").EnumerateArray()];

    private static async Task<Dictionary<string, JsonElement>> LinksAsync(HttpClient admin, Guid id)
    {
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{id}/links?entity=Customer&pageSize=200", Ct);
        return body.GetProperty("items").EnumerateArray().ToDictionary(l => l.GetProperty("hostId").GetString()!);
    }

    private static async Task<JsonElement> ExternalRecordAsync(HttpClient admin, Guid id, string remoteId)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/records?entity=Customer&side=external&connectionId={id}&q={Uri.EscapeDataString(remoteId)}", Ct);
        return page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("externalId").GetString() == remoteId);
    }
}
