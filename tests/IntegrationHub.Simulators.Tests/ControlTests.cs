using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class ControlTests
{
    [Fact]
    public async Task Request_log_records_what_was_sent_with_secrets_masked()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        await client.PostJson($"/qbo/v3/company/{SimulatorApp.Realm}/customer", """{"DisplayName":"Logged Ltd"}""");
        await QboOAuthTests.Token(app.Client(), "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret", ("grant_type", "refresh_token"), ("refresh_token", "secret-refresh-value"));
        var log = (await (await app.Client().GetAsync("/control/requests?path=/customer&method=POST")).Body()).AsArray();
        var entry = Assert.Single(log)!;
        Assert.Contains("Logged Ltd", entry["body"]!.GetValue<string>());
        Assert.Equal("Bearer ***", entry["headers"]!["Authorization"]!.GetValue<string>());
        var token = (await (await app.Client().GetAsync("/control/requests?path=/tokens/bearer")).Body()).AsArray().Single()!;
        Assert.DoesNotContain("secret-refresh-value", token.ToJsonString());
        Assert.Equal("Basic ***", token["headers"]!["Authorization"]!.GetValue<string>());
        await app.Client().DeleteAsync("/control/requests");
        Assert.Empty((await (await app.Client().GetAsync("/control/requests")).Body()).AsArray());
    }

    [Fact]
    public async Task Injected_5xx_burst_malformed_body_and_forced_429()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var url = $"/qbo/v3/company/{SimulatorApp.Realm}/item/1";
        await app.Client().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Error", statusCode = 503, count = 2 });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);

        await app.Client().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Malformed", count = 1 });
        var malformed = await client.GetAsync(url);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(async () => System.Text.Json.JsonDocument.Parse(await malformed.Content.ReadAsStringAsync()));

        await app.Client().PostAsJsonAsync("/control/faults", new { vendor = "xero", kind = "RateLimit", count = 1 });
        var xero = await app.XeroClient();
        var limited = await xero.GetAsync("/xero/api.xro/2.0/Items");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Changes_behind_the_back_bump_synctoken_and_control_revoke_kills_tokens()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var patched = await (await app.Client().PatchAsJsonAsync($"/control/qbo/companies/{SimulatorApp.Realm}/customer/1", new { CompanyName = "Renamed Behind Back" })).Body();
        Assert.Equal("1", patched["SyncToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await app.Client().DeleteAsync($"/control/qbo/companies/{SimulatorApp.Realm}/customer/2")).StatusCode);
        Assert.Equal("610", (await (await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/customer/2")).Body())["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());
        await app.Client().PostAsJsonAsync("/control/tokens/revoke", new { vendor = "qbo" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/customer/1")).StatusCode);
    }

    [Fact]
    public async Task Snapshot_is_written_on_shutdown()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}.json");
        try
        {
            await using (var first = new SimulatorApp().With("Simulators:SnapshotPath", path))
            {
                var client = await first.XeroClient();
                await client.PutJson("/xero/api.xro/2.0/Contacts", """{"Name":"Saved At Stop"}""");
            }
            Assert.True(File.Exists(path));
            await using var second = new SimulatorApp().With("Simulators:SnapshotPath", path);
            var again = await second.XeroClient();
            var contacts = await (await again.GetAsync("/xero/api.xro/2.0/Contacts")).Body();
            Assert.Contains(contacts["Contacts"]!.AsArray(), c => c!["Name"]!.GetValue<string>() == "Saved At Stop");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Snapshot_saves_and_a_new_process_restores_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-{Guid.NewGuid():N}.json");
        try
        {
            await using (var first = new SimulatorApp().With("Simulators:SnapshotPath", path))
            {
                var client = await first.QboClient();
                await client.PostJson($"/qbo/v3/company/{SimulatorApp.Realm}/customer", """{"DisplayName":"Survives Restart"}""");
                (await first.Client().PostAsJsonAsync("/control/snapshot", new { })).EnsureSuccessStatusCode();
            }
            await using var second = new SimulatorApp().With("Simulators:SnapshotPath", path).With("Simulators:SeedDemo", "false");
            var again = await second.QboClient();
            var found = await (await again.GetAsync($"/qbo/v3/company/{SimulatorApp.Realm}/query?query={Json.Q("SELECT * FROM Customer WHERE DisplayName = 'Survives Restart'")}")).Body();
            Assert.Single(found["QueryResponse"]!["Customer"]!.AsArray());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
