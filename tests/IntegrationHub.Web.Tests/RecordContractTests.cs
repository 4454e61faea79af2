using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Api.Endpoints;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Api.Mapping;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Tests;

/// <summary>The records browser and the field mapper read what the Api really writes and send what it binds (its own records, its JSON settings).</summary>
public sealed class RecordContractTests
{
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RecordEndpoints.RecordResponse ApiRecord(Guid id) =>
        new(id, "Customer", "external", Guid.NewGuid(), "58", 3, "hash", JsonDocument.Parse("""{"name":"Acme"}"""), At, At, At.AddMinutes(1), At.AddMinutes(2));

    [Fact]
    public async Task A_record_page_and_a_record_with_links_and_versions_are_read()
    {
        var id = Guid.NewGuid();
        var (client, stub) = Answering(new PagedResult<RecordEndpoints.RecordResponse>([ApiRecord(id)], 1, 25, 1));
        var page = await client.GetRecordsAsync(new RecordQuery("Customer", Deleted: true), Ct);
        Assert.Equal("http://api/api/v1/records?page=1&pageSize=25&entity=Customer&deleted=true", stub.Requests.Single().RequestUri!.AbsoluteUri);
        var item = Assert.Single(page.Items);
        Assert.Equal((id, "external", "58", 3, true, "Acme"), (item.Id, item.Side, item.ExternalId, item.Version, item.IsDeleted, item.Data.GetProperty("name").GetString()));

        var runId = Guid.NewGuid();
        var version = new RecordEndpoints.VersionResponse(9, 3, "updated", "Sync", JsonDocument.Parse("""{"name":"Acme"}"""),
            JsonDocument.Parse("""[{"path":"name","old":"Acm","new":"Acme"}]"""), "hash", runId, 2, At);
        var link = new RecordEndpoints.LinkResponse(Guid.NewGuid(), Guid.NewGuid(), "Customer", "c-1", "58", "h1", At, "h2", At.AddMinutes(1), null, "Stale object", At);
        (client, stub) = Answering(new RecordEndpoints.RecordDetailResponse(ApiRecord(id), [link], version));
        var detail = await client.GetRecordAsync(id, Ct);
        Assert.Equal($"http://api/api/v1/records/{id}", stub.Requests.Single().RequestUri!.AbsoluteUri);
        var l = Assert.Single(detail.Links);
        Assert.Equal(("c-1", "58", (DateTimeOffset?)At, (DateTimeOffset?)At.AddMinutes(1), "Stale object"), (l.HostId, l.RemoteId, l.LastPushedAt, l.LastPulledAt, l.LastError));

        (client, stub) = Answering(new PagedResult<RecordEndpoints.VersionResponse>([version], 2, 10, 11));
        var versions = await client.GetRecordVersionsAsync(id, 2, 10, Ct);
        Assert.Equal($"http://api/api/v1/records/{id}/versions?page=2&pageSize=10", stub.Requests.Single().RequestUri!.AbsoluteUri);
        var v = Assert.Single(versions.Items);
        Assert.Equal((3, "updated", "Sync", (Guid?)runId, (int?)2, 11), (v.Version, v.Kind, v.Origin, v.SyncRunId, v.MappingVersion, versions.Total));
        Assert.Equal("name", v.Diff[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task The_mapper_reads_rules_in_the_engines_shape_and_saves_a_body_the_api_binds()
    {
        var connectionId = Guid.NewGuid();
        var rule = new MappingRule("custom.region", "$raw.Region", MappingDirection.Outbound, Transform: new MappingTransform(TransformTypes.Upper));
        var response = new MappingEndpoints.MappingResponse(connectionId, "quickbooks", "Invoice", 2, [new MappingRule("number", "number")], [rule], [rule]);
        var (client, stub) = Answering(response);

        var mapping = await client.GetMappingAsync(connectionId, "Invoice", Ct);

        Assert.Equal($"http://api/api/v1/connections/{connectionId}/mappings/Invoice", stub.Requests.Single().RequestUri!.AbsoluteUri);
        Assert.Equal((2, MappingDirection.Outbound, TransformTypes.Upper), (mapping.ActiveVersion, mapping.TenantRules[0].Direction, mapping.TenantRules[0].Transform!.Type));

        string? body = null;
        var save = new StubHandler(r =>
        {
            body = r.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return Json(new MappingEndpoints.SaveResponse(3, 10, 4, ["c-1"], Guid.NewGuid(), "Version 3 saved."), ApiJson);
        });
        var saved = await new HubApiClient(new HttpClient(save) { BaseAddress = new Uri("http://api/api/v1/") }).SaveMappingAsync(connectionId, "Invoice", [rule], Ct);

        Assert.Equal(HttpMethod.Put, save.Requests.Single().Method);
        Assert.Contains("\"direction\":\"outbound\"", body);
        var sent = JsonSerializer.Deserialize<MappingEndpoints.RulesRequest>(body!, ApiJson)!;
        Assert.Equal(MappingDirection.Outbound, Assert.Single(sent.Rules!).Direction);
        Assert.Equal((3, 10, 4, "Version 3 saved."), (saved.Version, saved.RecordsChecked, saved.AffectedRecords, saved.Message));

        (client, _) = Answering(new List<MappingEndpoints.VersionResponse> { new(2, true, "Olivia Owner", At, 1, 1) });
        var version = Assert.Single(await client.GetMappingVersionsAsync(connectionId, "Invoice", Ct));
        Assert.Equal((2, true, "Olivia Owner", 1, (int?)1), (version.Version, version.IsActive, version.CreatedBy, version.RuleCount, version.RestoredFromVersion));
    }

    [Fact]
    public async Task Lookup_tables_are_written_in_the_request_shape_the_api_binds()
    {
        string? body = null;
        var stub = new StubHandler(r =>
        {
            body = r.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return Json(new LookupTableEndpoints.LookupTableResponse(Guid.NewGuid(), "quickbooks.accounts", null, new Dictionary<string, string> { ["Consulting"] = "4000" }, null, 1, At, At), ApiJson);
        });
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });

        var table = await client.CreateLookupTableAsync(new LookupTableUpdate("quickbooks.accounts", null, new Dictionary<string, string> { ["Consulting"] = "4000" }, null), Ct);

        var sent = JsonSerializer.Deserialize<LookupTableEndpoints.LookupTableRequest>(body!, ApiJson)!;
        Assert.Equal(("quickbooks.accounts", "4000"), (sent.Name, sent.Entries!["Consulting"]));
        Assert.Equal((1, "4000"), (table.Version, table.Entries["Consulting"]));
    }

    private static (HubApiClient, StubHandler) Answering(object body, JsonSerializerOptions? options = null)
    {
        var stub = new StubHandler(_ => Json(body, options ?? ApiJson));
        return (new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") }), stub);
    }

    private static HttpResponseMessage Json(object body, JsonSerializerOptions options) =>
        new(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), options), Encoding.UTF8, "application/json") };
}
