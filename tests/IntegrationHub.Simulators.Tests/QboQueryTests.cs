using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class QboQueryTests
{
    private const string Base = $"/qbo/v3/company/{SimulatorApp.Realm}";

    private static async Task<JsonNode> Query(HttpClient client, string query) =>
        (await (await client.GetAsync($"{Base}/query?query={Json.Q(query)}")).Body())["QueryResponse"]!;

    [Fact]
    public async Task Pages_with_startposition_and_maxresults_without_gaps()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var ids = new List<string>();
        for (var start = 1; ; start += 30)
        {
            var page = await Query(client, $"SELECT * FROM Invoice STARTPOSITION {start} MAXRESULTS 30");
            Assert.Equal(start, page["startPosition"]!.GetValue<int>());
            if (page["Invoice"] is not JsonArray invoices) break;
            ids.AddRange(invoices.Select(i => i!["Id"]!.GetValue<string>()));
        }
        Assert.Equal(200, ids.Distinct().Count());
    }

    [Fact]
    public async Task Filters_by_last_updated_time_id_in_and_display_name()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        var mark = app.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(-8)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await client.PostJson($"{Base}/customer", """{"DisplayName":"After The Mark"}""");
        var changed = await Query(client, $"SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '{mark}' ORDERBY MetaData.LastUpdatedTime");
        Assert.Equal("After The Mark", Assert.Single(changed["Customer"]!.AsArray())!["DisplayName"]!.GetValue<string>());
        var some = await Query(client, "SELECT * FROM Customer WHERE Id IN ('1','2','3')");
        Assert.Equal(3, some["Customer"]!.AsArray().Count);
        var named = await Query(client, "SELECT * FROM Customer WHERE DisplayName = 'After The Mark'");
        Assert.Single(named["Customer"]!.AsArray());
        var count = await Query(client, "SELECT COUNT(*) FROM Invoice");
        Assert.Equal(200, count["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Inactive_customers_are_hidden_unless_the_query_asks_for_them()
    {
        await using var app = new SimulatorApp();
        var client = await app.QboClient();
        await client.PostJson($"{Base}/customer", """{"Id":"1","SyncToken":"0","sparse":true,"Active":false}""");
        var active = await Query(client, "SELECT COUNT(*) FROM Customer");
        Assert.Equal(49, active["totalCount"]!.GetValue<int>());
        var all = await Query(client, "SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)");
        Assert.Equal(50, all["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Maxresults_is_capped_at_1000()
    {
        await using var app = new SimulatorApp();
        var seed = await app.Client().PostAsJsonAsync($"/control/qbo/companies/{SimulatorApp.Realm}/seed", new { seed = 5, customers = 5, items = 2, invoices = 1200, payments = 0 });
        Assert.Equal(HttpStatusCode.OK, seed.StatusCode);
        var client = await app.QboClient();
        var page = await Query(client, "SELECT * FROM Invoice MAXRESULTS 5000");
        Assert.Equal(1000, page["Invoice"]!.AsArray().Count);
        Assert.Equal(1000, page["maxResults"]!.GetValue<int>());
    }
}
