using System.Text.Json;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Components.Shared;

namespace IntegrationHub.Web.Tests;

public sealed class ConflictViewTests
{
    private static ConflictDetail Detail(string? baseline, string host, string external, params string[] paths)
    {
        var info = new ConflictInfo(Guid.NewGuid(), Guid.NewGuid(), "Customer", "c-1", "58", "open", "manual", paths, null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, null);
        return new ConflictDetail(info, baseline is null ? null : JsonDocument.Parse(baseline).RootElement, JsonDocument.Parse(host).RootElement,
            JsonDocument.Parse(external).RootElement, null);
    }

    [Fact]
    public void Conflicting_paths_come_first_then_every_other_field_with_differences_flagged()
    {
        var detail = Detail("""{"name":"Acme","email":"a@acme.test","address":{"city":"Oslo"}}""",
            """{"name":"Acme AS","email":"a@acme.test","address":{"city":"Bergen"},"phone":"1"}""",
            """{"name":"Acme Ltd","email":"a@acme.test","address":{"city":"Oslo"},"currency":"NOK"}""",
            "name", "address.city");

        var fields = ConflictView.Fields(detail);

        Assert.Equal(["name", "address.city", "address", "currency", "email", "phone"], fields.Select(f => f.Path));
        Assert.Equal(new ConflictField("name", "Acme", "Acme AS", "Acme Ltd", true, true), fields[0]);
        Assert.Equal(new ConflictField("address.city", "Oslo", "Bergen", "Oslo", true, true), fields[1]);
        Assert.Equal(("""{"city":"Bergen"}""", true, false), (fields[2].Host, fields[2].Differs, fields[2].Conflicting));
        Assert.Equal(("(none)", "NOK", true), (fields[3].Host, fields[3].External, fields[3].Differs));
        Assert.False(fields[4].Differs);
    }

    [Fact]
    public void Without_a_base_every_base_value_reads_none_and_numbers_keep_their_json_form()
    {
        var fields = ConflictView.Fields(Detail(null, """{"balance":10.5}""", """{"balance":10.50}""", "balance"));
        var balance = Assert.Single(fields);
        Assert.Equal(("(none)", "10.5", "10.50"), (balance.Base, balance.Host, balance.External));
    }

    [Fact]
    public async Task Resolving_sends_a_side_or_per_field_sides_and_bulk_sends_the_ids()
    {
        var bodies = new List<string>();
        var stub = new StubHandler(r =>
        {
            bodies.Add(r.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(r.RequestUri!.AbsolutePath.EndsWith("resolve-bulk", StringComparison.Ordinal)
                    ? """{"resolved":[],"skipped":[],"pushRunIds":[]}"""
                    : """{"conflict":{"conflict":{"id":"00000000-0000-0000-0000-000000000001","connectionId":"00000000-0000-0000-0000-000000000002","entity":"Customer","hostId":"c","remoteId":"1","status":"resolved","policy":"manual","conflictingPaths":["name"],"hostChangedAt":"2026-11-29T10:00:00Z","externalChangedAt":"2026-11-29T10:00:00Z","createdAt":"2026-11-29T10:00:00Z"},"host":{},"external":{}},"pushRequired":true,"pushRunId":null}""",
                    System.Text.Encoding.UTF8, "application/json"),
            };
        });
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });
        var id = Guid.NewGuid();
        var ct = TestContext.Current.CancellationToken;

        var resolved = await client.ResolveConflictAsync(id, "host", ct: ct);
        await client.ResolveConflictAsync(id, "merged", new Dictionary<string, string> { ["name"] = "external" }, ct);
        await client.ResolveConflictsAsync([id], "external", ct);

        Assert.True(resolved.PushRequired);
        Assert.Equal("resolved", resolved.Conflict.Conflict.Status);
        Assert.Equal($"http://api/api/v1/conflicts/{id}/resolve", stub.Requests[0].RequestUri!.AbsoluteUri);
        Assert.Equal(["""{"choose":"host"}""", """{"choose":"merged","fields":{"name":"external"}}""", $$"""{"ids":["{{id}}"],"choose":"external"}"""], bodies);
        Assert.Equal("http://api/api/v1/conflicts/resolve-bulk", stub.Requests[2].RequestUri!.AbsoluteUri);
    }
}

public sealed class ConflictEditTests
{
    private static ConflictDetail Detail(string host, string external)
    {
        var info = new ConflictInfo(Guid.NewGuid(), Guid.NewGuid(), "Customer", "c-1", "58", "open", "manual", ["name", "balance"], null, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, DateTimeOffset.UnixEpoch, null, null);
        return new ConflictDetail(info, null, JsonDocument.Parse(host).RootElement, JsonDocument.Parse(external).RootElement, null);
    }

    [Fact]
    public void Text_fields_keep_what_was_typed_other_fields_take_json()
    {
        var detail = Detail("""{"name":"Acme AS","balance":10.5,"address":{"city":"Oslo"}}""", """{"name":"Acme Ltd","balance":12}""");

        Assert.True(ConflictView.IsTextField(detail, "name"));
        Assert.True(ConflictView.IsTextField(detail, "missing"));
        Assert.False(ConflictView.IsTextField(detail, "balance"));
        Assert.False(ConflictView.IsTextField(detail, "address"));

        Assert.Equal("\"12\"", ConflictView.EditedValue("12", asText: true).Value!.ToJsonString());
        Assert.Equal("\"\"", ConflictView.EditedValue(null, asText: true).Value!.ToJsonString());
        Assert.Equal("11.25", ConflictView.EditedValue("11.25", asText: false).Value!.ToJsonString());
        Assert.Equal((null, null), ConflictView.EditedValue(" ", asText: false));
        var (value, error) = ConflictView.EditedValue("eleven", asText: false);
        Assert.Null(value);
        Assert.StartsWith("Type a JSON value here", error);
    }

    [Fact]
    public async Task Merged_and_policy_resolutions_send_the_bodies_the_api_documents()
    {
        var bodies = new List<string>();
        var stub = new StubHandler(r =>
        {
            bodies.Add(r.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(r.RequestUri!.AbsolutePath.EndsWith("resolve-bulk", StringComparison.Ordinal)
                    ? """{"resolved":[],"skipped":[],"pushRunIds":[]}"""
                    : """{"conflict":{"conflict":{"id":"00000000-0000-0000-0000-000000000001","connectionId":"00000000-0000-0000-0000-000000000002","entity":"Customer","hostId":"c","remoteId":"1","status":"resolved","policy":"manual","conflictingPaths":["name"],"hostChangedAt":"2026-11-29T10:00:00Z","externalChangedAt":"2026-11-29T10:00:00Z","createdAt":"2026-11-29T10:00:00Z"},"host":{},"external":{}},"pushRequired":false,"pushRunId":null}""",
                    System.Text.Encoding.UTF8, "application/json"),
            };
        });
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });
        var ct = TestContext.Current.CancellationToken;

        await client.ResolveConflictMergedAsync(Guid.NewGuid(), new Dictionary<string, string> { ["name"] = "external" },
            new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["balance"] = 11.25m }, ct);
        await client.ResolveConflictsByFilterAsync("Customer", "host", ct);
        await client.ResolveConflictsByFilterAsync(null, "external", ct);

        Assert.Equal(["""{"choose":"merged","fields":{"name":"external"},"values":{"balance":11.25}}""",
            """{"filter":{"entity":"Customer"},"choose":"host"}""", """{"filter":{"entity":null},"choose":"external"}"""], bodies);
    }
}
