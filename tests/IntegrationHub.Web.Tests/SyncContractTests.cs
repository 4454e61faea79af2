using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Api.Endpoints;
using IntegrationHub.Api.Infrastructure;
using IntegrationHub.Api.Jobs;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Tests;

/// <summary>
/// The dashboard's contracts read what the Api really writes: the Api's own response records, serialised with the Api's
/// JSON settings, go through <see cref="HubApiClient"/>; a renamed or retyped field on either side fails here.
/// </summary>
public sealed class SyncContractTests
{
    private static readonly JsonSerializerOptions ApiJson = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };
    private static readonly DateTimeOffset Queued = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static SyncRunEndpoints.SyncRunResponse ApiRun(Guid id, Guid connectionId) =>
        new(id, connectionId, "manual", "full", ["Customer", "Invoice"], "completed_with_errors",
            new() { ["Customer"] = new IntegrationHub.Core.Sync.EntityCounts { Processed = 10, Created = 6, Updated = 2, Skipped = 1, Failed = 1 }, ["Invoice"] = new IntegrationHub.Core.Sync.EntityCounts { Processed = 3, Conflicts = 1 } },
            4, 1_250, 13, 13, 100, "1 record failed", 2, Queued, Queued.AddSeconds(1), Queued.AddSeconds(31), 30_000);

    [Fact]
    public async Task A_run_page_is_requested_with_its_filters_and_read_with_counts_per_entity()
    {
        var (id, connectionId) = (Guid.NewGuid(), Guid.NewGuid());
        var (client, stub) = Answering(new PagedResult<SyncRunEndpoints.SyncRunResponse>([ApiRun(id, connectionId)], 2, 20, 21));

        var page = await client.GetSyncRunPageAsync(new SyncRunQuery(connectionId, "running", 2, 20), TestContext.Current.CancellationToken);

        Assert.Equal($"http://api/api/v1/sync-runs?page=2&pageSize=20&connectionId={connectionId}&status=running", stub.Requests.Single().RequestUri!.AbsoluteUri);
        Assert.Equal((2, 20, 21), (page.Page, page.PageSize, page.Total));
        var run = Assert.Single(page.Items);
        Assert.Equal((id, connectionId, "manual", "full", "completed_with_errors", 100, 30_000L), (run.Id, run.ConnectionId, run.Trigger, run.Kind, run.Status, run.ProgressPercent, run.DurationMs));
        Assert.Equal(new RunCounts(10, 6, 2, 0, 1, 1, 0), run.Counts["Customer"]);
        Assert.Equal(1, run.Counts["Invoice"].Conflicts);
        Assert.Equal((4, 1_250L, 13, 13, "1 record failed", 2), (run.Pages, run.RateLimitWaitMs, run.Processed, run.ExpectedTotal, run.Error, run.Attempts));
        Assert.True(run.IsFinished);
    }

    [Fact]
    public async Task Run_detail_carries_the_failed_records_with_their_reasons()
    {
        var id = Guid.NewGuid();
        var failure = new SyncRunEndpoints.RecordFailureResponse(7, "Customer", "58", "Validation", "Duplicate Name Exists Error", "6240", Queued.AddSeconds(5), null);
        var mapped = new SyncRunEndpoints.RecordFailureResponse(8, "Invoice", "inv-9", "Validation", "Field mapping: customerId: Required value is missing.", null,
            Queued.AddSeconds(6), [new Core.Sync.FieldError("customerId", "Required value is missing.")]);
        var (client, stub) = Answering(new SyncRunEndpoints.SyncRunDetailResponse(ApiRun(id, Guid.NewGuid()), [failure, mapped], 2));

        var detail = await client.GetSyncRunAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal($"http://api/api/v1/sync-runs/{id}", stub.Requests.Single().RequestUri!.AbsoluteUri);
        Assert.Equal(2, detail.FailureCount);
        Assert.Equal(new RecordFailure(7, "Customer", "58", "Validation", "Duplicate Name Exists Error", "6240", Queued.AddSeconds(5)), detail.Failures[0]);
        Assert.Equal([new FieldFailure("customerId", "Required value is missing.")], detail.Failures[1].Fields);
        Assert.Equal(id, detail.Run.Id);
    }

    [Fact]
    public async Task Dead_letters_are_listed_and_redriven_by_job_id()
    {
        var runId = Guid.NewGuid();
        var dead = new JobEndpoints.DeadLetterResponse("42", runId, Guid.NewGuid(), ["Invoice"], "incremental", "schedule", Queued, 5, "Provider answered 500");
        var (client, stub) = Answering(new PagedResult<JobEndpoints.DeadLetterResponse>([dead], 1, 25, 1));

        var page = await client.GetDeadLettersAsync(1, 25, TestContext.Current.CancellationToken);

        Assert.Equal("http://api/api/v1/dead-letter?page=1&pageSize=25", stub.Requests.Single().RequestUri!.AbsoluteUri);
        var item = Assert.Single(page.Items);
        Assert.Equal(("42", runId, "incremental", "schedule", 5, "Provider answered 500"), (item.JobId, item.RunId, item.Kind, item.Trigger, item.Attempts, item.Error));
        Assert.Equal(["Invoice"], item.Entities);

        string? body = null;
        var redrive = new StubHandler(r =>
        {
            body = r.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
            return Json(new JobEndpoints.RedriveResponse(["42"], ["43"]));
        });
        var result = await new HubApiClient(new HttpClient(redrive) { BaseAddress = new Uri("http://api/api/v1/") }).RedriveAsync(["42", "43"], TestContext.Current.CancellationToken);

        Assert.Equal(HttpMethod.Post, redrive.Requests.Single().Method);
        Assert.Equal("http://api/api/v1/dead-letter/redrive", redrive.Requests.Single().RequestUri!.AbsoluteUri);
        // The Api binds this body to its own request record: the names must be the ones it reads.
        var sent = JsonSerializer.Deserialize<JobEndpoints.RedriveRequest>(body!, ApiJson)!;
        Assert.Equal(["42", "43"], sent.JobIds ?? []);
        Assert.Null(sent.All);
        Assert.Equal(["42"], result.Requeued);
        Assert.Equal(["43"], result.NotFound);
    }

    [Fact]
    public void The_connection_pages_run_reader_understands_the_api_list_and_the_queued_run_of_sync_now()
    {
        var id = Guid.NewGuid();
        using var list = JsonDocument.Parse(JsonSerializer.Serialize(new PagedResult<SyncRunEndpoints.SyncRunResponse>([ApiRun(id, Guid.NewGuid())], 1, 10, 1), ApiJson));
        var run = Assert.Single(SyncRunReader.ReadRuns(list.RootElement));
        Assert.Equal((id, "completed_with_errors", "full", "manual", 13, (int?)13), (run.Id, run.Status, run.Kind, run.Trigger, run.Processed, run.ExpectedTotal));

        var queued = new SyncNowEndpoints.QueuedRunResponse(id, Guid.NewGuid(), "queued", "incremental", "manual", ["Customer"], "17", Queued);
        using var started = JsonDocument.Parse(JsonSerializer.Serialize(queued, ApiJson));
        Assert.Equal((id, "queued", "incremental", (DateTimeOffset?)Queued), SyncRunReader.ReadRun(started.RootElement) is { } r ? (r.Id, r.Status, r.Kind, r.QueuedAt) : default);
    }

    private static (HubApiClient, StubHandler) Answering(object body)
    {
        var stub = new StubHandler(_ => Json(body));
        return (new HubApiClient(new HttpClient(stub) { BaseAddress = new Uri("http://api/api/v1/") }), stub);
    }

    private static HttpResponseMessage Json(object body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(JsonSerializer.Serialize(body, body.GetType(), ApiJson), Encoding.UTF8, "application/json") };
}
