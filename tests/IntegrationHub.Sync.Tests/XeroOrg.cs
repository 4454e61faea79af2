using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// A Xero organisation in the simulator and a hub connection to it: the hub side is a <see cref="TestConnection"/>
/// (provider-neutral helpers), the organisation is changed behind the hub's back through Xero's API and /control.
/// </summary>
public sealed class XeroOrg(RealConnectorsFixture fixture, TestConnection hub, string orgId, string accessToken)
{
    public TestConnection Hub => hub;
    public string OrgId => orgId;

    public static async Task<XeroOrg> ConnectAsync(RealConnectorsFixture fixture, object seed, CancellationToken ct)
    {
        var (tenantId, connectionId, orgId, token) = await fixture.ConnectXeroAsync(seed, ct);
        return new XeroOrg(fixture, new TestConnection(fixture, tenantId, connectionId, orgId, token), orgId, token);
    }

    /// <summary>One page of up to 1,000 elements of a collection, as Xero lists it (<paramref name="query"/> without the leading '&amp;').</summary>
    public async Task<JsonArray> ListAsync(string collection, string query = "")
    {
        using var client = Api();
        var body = await client.GetFromJsonAsync<JsonObject>($"/xero/api.xro/2.0/{collection}?page=1&pageSize=1000" + (query.Length > 0 ? "&" + query : ""));
        return body![collection]!.AsArray();
    }

    /// <summary>How many elements Xero's own paging reports for a <c>where</c> filter: an independent count for comparisons.</summary>
    public async Task<int> CountAsync(string collection, string? where = null)
    {
        using var client = Api();
        var body = await client.GetFromJsonAsync<JsonObject>($"/xero/api.xro/2.0/{collection}?page=1&pageSize=1"
            + (where is null ? "" : "&where=" + Uri.EscapeDataString(where)));
        return body!["pagination"]!["itemCount"]!.GetValue<int>();
    }

    public async Task<JsonObject> GetAsync(string collection, string id)
    {
        using var client = Api();
        var body = await client.GetFromJsonAsync<JsonObject>($"/xero/api.xro/2.0/{collection}/{id}");
        return (JsonObject)body![collection]![0]!;
    }

    /// <summary>A JsonObject, so property names keep Xero's PascalCase.</summary>
    public async Task PatchAsync(string collection, string id, JsonObject patch) =>
        (await fixture.Control().PatchAsJsonAsync($"/control/xero/organisations/{orgId}/{collection}/{id}", patch)).EnsureSuccessStatusCode();

    public async Task FaultAsync(object rule) =>
        (await fixture.Control().PostAsJsonAsync("/control/faults", rule)).EnsureSuccessStatusCode();

    private HttpClient Api()
    {
        var client = fixture.Simulator.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        client.DefaultRequestHeaders.Add("xero-tenant-id", orgId);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
