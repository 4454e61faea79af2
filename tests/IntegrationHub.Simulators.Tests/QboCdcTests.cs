using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class QboCdcTests
{
    private const string Base = $"/qbo/v3/company/{SimulatorApp.Realm}";

    private static string Since(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

    [Fact]
    public async Task Reports_changes_and_deletions_since_a_moment()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var since = app.Time.GetUtcNow();
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var customer = (await (await client.PostJson($"{Base}/customer", """{"DisplayName":"Changed Later"}""")).Body())["Customer"]!;
        await client.PostJson($"{Base}/invoice?operation=delete", """{"Id":"3","SyncToken":"0"}""");
        var body = await (await client.GetAsync($"{Base}/cdc?entities=Customer,Invoice&changedSince={Since(since)}")).Body();
        var responses = body["CDCResponse"]![0]!["QueryResponse"]!.AsArray();
        Assert.Equal(customer["Id"]!.GetValue<string>(), responses[0]!["Customer"]![0]!["Id"]!.GetValue<string>());
        var deleted = responses[1]!["Invoice"]!.AsArray().Single(i => i!["Id"]!.GetValue<string>() == "3")!;
        Assert.Equal("Deleted", deleted["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refuses_more_than_30_days_back()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var body = await (await client.GetAsync($"{Base}/cdc?entities=Customer&changedSince={Since(app.Time.GetUtcNow().AddDays(-31))}")).Body();
        Assert.NotNull(body["Fault"]);
    }

    [Fact]
    public async Task Caps_the_response_at_1000_objects_across_entities()
    {
        await using var app = new SimulatorApp();
        var since = app.Time.GetUtcNow().AddMinutes(-5);
        await app.Client().PostAsJsonAsync($"/control/qbo/companies/{SimulatorApp.Realm}/seed", new { seed = 9, customers = 700, items = 5, invoices = 700, payments = 0 });
        var client = await app.QboClient();
        var body = await (await client.GetAsync($"{Base}/cdc?entities=Customer,Invoice&changedSince={Since(since)}")).Body();
        var total = body["CDCResponse"]![0]!["QueryResponse"]!.AsArray().Sum(r => (r![r.AsObject().First().Key] as JsonArray)?.Count ?? 0);
        Assert.Equal(1000, total);
    }
}
