using System.Net;
using System.Text;
using System.Text.Json;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Tests;

public sealed class SyncRunReaderTests
{
    private const string Run = """{"id":"0193a1b2-0000-7000-8000-000000000001","status":"succeeded","kind":"full","trigger":"manual","queuedAt":"2026-11-29T10:00:00Z","startedAt":"2026-11-29T10:00:01Z","finishedAt":"2026-11-29T10:00:31Z","processed":120,"expectedTotal":120}""";

    [Fact]
    public void Runs_are_read_from_an_array_or_a_page()
    {
        using var array = JsonDocument.Parse($"[{Run}]");
        using var page = JsonDocument.Parse($$"""{"items":[{{Run}}],"page":1,"pageSize":10,"total":1}""");
        foreach (var body in new[] { array.RootElement, page.RootElement })
        {
            var run = Assert.Single(SyncRunReader.ReadRuns(body));
            Assert.Equal(("succeeded", "full", 120, 120), (run.Status, run.Kind, run.Processed, run.ExpectedTotal));
            Assert.Equal(TimeSpan.FromSeconds(30), run.FinishedAt - run.StartedAt);
        }
    }

    [Fact]
    public void A_started_sync_is_read_from_the_run_or_a_wrapper_and_a_body_without_a_run_is_null()
    {
        using var wrapped = JsonDocument.Parse($$"""{"run":{{Run}}}""");
        Assert.Equal("manual", SyncRunReader.ReadRun(wrapped.RootElement)?.Trigger);
        using var none = JsonDocument.Parse("""{"queued":true}""");
        Assert.Null(SyncRunReader.ReadRun(none.RootElement));
    }

    [Fact]
    public void An_unexpected_shape_is_reported_not_shown_as_empty()
    {
        using var odd = JsonDocument.Parse("\"runs\"");
        Assert.Throws<HubApiException>(() => SyncRunReader.ReadRuns(odd.RootElement));
    }

    [Fact]
    public async Task A_missing_sync_runs_endpoint_surfaces_as_a_404_the_panel_can_explain()
    {
        var stub = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });
        var id = Guid.NewGuid();
        var ex = await Assert.ThrowsAsync<HubApiException>(() => client.GetSyncRunsAsync(id, TestContext.Current.CancellationToken));
        Assert.Equal(404, ex.Status);
        Assert.Equal($"http://api/api/v1/sync-runs?connectionId={id}&pageSize=10", stub.Requests.Single().RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Sync_settings_go_to_the_entity_and_the_first_sync_asks_for_a_full_run()
    {
        var bodies = new List<string>();
        var stub = new StubHandler(r =>
        {
            bodies.Add(r.Content!.ReadAsStringAsync().GetAwaiter().GetResult());
            return new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(Run, Encoding.UTF8, "application/json") };
        });
        var client = new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") });
        var id = Guid.NewGuid();

        await client.SaveSyncConfigAsync(id, "Customer", new SyncConfigUpdate(true, "both", 30, null, "manual", "ignore"), TestContext.Current.CancellationToken);
        var run = await client.StartSyncAsync(id, "full", TestContext.Current.CancellationToken);

        Assert.Equal(HttpMethod.Put, stub.Requests[0].Method);
        Assert.Equal($"http://api/api/v1/connections/{id}/sync-configs/Customer", stub.Requests[0].RequestUri!.AbsoluteUri);
        Assert.Equal("""{"enabled":true,"direction":"both","intervalMinutes":30,"cron":null,"conflictPolicy":"manual","deletePolicy":"ignore"}""", bodies[0]);
        Assert.Equal($"http://api/api/v1/connections/{id}/sync", stub.Requests[1].RequestUri!.AbsoluteUri);
        Assert.Equal("""{"mode":"full"}""", bodies[1]);
        Assert.Equal("succeeded", run?.Status);
    }
}
