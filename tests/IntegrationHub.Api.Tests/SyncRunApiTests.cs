using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests;

public class SyncRunApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestTenant Tenant, Guid Connection, SyncRun Done, SyncRun Failed, SyncRun Running)> SeedAsync()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await SyncTestData.ConnectionAsync(factory.Database, tenant.Id, ConnectionStatus.Active, SyncDirection.Both, "Invoice");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var done = new SyncRun
        {
            ConnectionId = connection, Kind = SyncRunKind.Full, Trigger = SyncTrigger.Schedule, Entities = ["Invoice"], Status = SyncRunStatus.CompletedWithErrors,
            Counts = new() { ["Invoice"] = new EntityCounts { Processed = 10, Created = 7, Updated = 1, Failed = 2 } }, Pages = 3, RateLimitWaitMs = 1500,
            Processed = 10, ExpectedTotal = 10, QueuedAt = start, StartedAt = start, FinishedAt = start.AddSeconds(42), Attempts = 1,
        };
        var failed = new SyncRun { ConnectionId = connection, Kind = SyncRunKind.Incremental, Trigger = SyncTrigger.Manual, Status = SyncRunStatus.Failed, Error = "Unparseable cursor", QueuedAt = start.AddMinutes(1) };
        var running = new SyncRun { ConnectionId = connection, Kind = SyncRunKind.Full, Trigger = SyncTrigger.Manual, Status = SyncRunStatus.Running, Processed = 10, ExpectedTotal = 200, QueuedAt = start.AddMinutes(2), StartedAt = start.AddMinutes(2) };
        await using var db = factory.Database.CreateContext(tenant.Id);
        db.SyncRuns.AddRange(done, failed, running);
        db.RecordFailures.Add(new RecordFailure { SyncRunId = done.Id, Entity = "Invoice", RecordKey = "inv-7", ErrorClass = ErrorClass.Validation, Message = "Customer is required", ProviderCode = "6000" });
        db.RecordFailures.Add(new RecordFailure { SyncRunId = done.Id, Entity = "Invoice", RecordKey = "inv-8", ErrorClass = ErrorClass.Validation, Message = "Duplicate number" });
        // A pre-push validation failure as the push path records it.
        db.RecordFailures.Add(new RecordFailure { SyncRunId = done.Id, Entity = "Invoice", RecordKey = "inv-9", ErrorClass = ErrorClass.Validation,
            Message = "Field mapping: lines[1].accountCode: Host category 'Travel' has no account mapping for QuickBooks Online.; customerId: QuickBooks Online requires this field.",
            Fields = [new("lines[1].accountCode", "Host category 'Travel' has no account mapping for QuickBooks Online."), new("customerId", "QuickBooks Online requires this field.")] });
        await db.SaveChangesAsync(Ct);
        return (tenant, connection, done, failed, running);
    }

    [Fact]
    public async Task Runs_list_filters_by_status_and_connection_and_detail_has_counts_timing_and_failures()
    {
        var (tenant, connection, done, failed, _) = await SeedAsync();
        var reader = tenant.Reader();

        var all = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/sync-runs?connectionId={connection}", Ct);
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var onlyFailed = await reader.GetFromJsonAsync<JsonElement>("/api/v1/sync-runs?status=failed", Ct);
        Assert.Equal(failed.Id, onlyFailed.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid());
        var withErrors = await reader.GetFromJsonAsync<JsonElement>("/api/v1/sync-runs?status=completed_with_errors", Ct);
        Assert.Equal(done.Id, withErrors.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(0, (await reader.GetFromJsonAsync<JsonElement>($"/api/v1/sync-runs?connectionId={Guid.NewGuid()}", Ct)).GetProperty("total").GetInt32());
        await HttpAssert.ProblemAsync(await reader.GetAsync("/api/v1/sync-runs?status=exploded", Ct), 400);

        var detail = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/sync-runs/{done.Id}", Ct);
        var run = detail.GetProperty("run");
        Assert.Equal(("completed_with_errors", 42_000L, 1500L, 3, 100), (run.GetProperty("status").GetString(), run.GetProperty("durationMs").GetInt64(),
            run.GetProperty("rateLimitWaitMs").GetInt64(), run.GetProperty("pages").GetInt32(), run.GetProperty("progressPercent").GetInt32()));
        Assert.Equal(7, run.GetProperty("counts").GetProperty("Invoice").GetProperty("created").GetInt32());
        Assert.Equal(3, detail.GetProperty("failureCount").GetInt32());
        Assert.Equal(("inv-7", "Customer is required", "6000"), (detail.GetProperty("failures")[0].GetProperty("recordKey").GetString(),
            detail.GetProperty("failures")[0].GetProperty("message").GetString(), detail.GetProperty("failures")[0].GetProperty("providerCode").GetString()));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("failures")[0].GetProperty("fields").ValueKind);
        var fields = detail.GetProperty("failures")[2].GetProperty("fields").EnumerateArray()
            .Select(f => (f.GetProperty("field").GetString(), f.GetProperty("reason").GetString())).ToList();
        Assert.Equal([("lines[1].accountCode", "Host category 'Travel' has no account mapping for QuickBooks Online."), ("customerId", "QuickBooks Online requires this field.")], fields);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/sync-runs/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Progress_streams_server_sent_events_until_the_run_finishes()
    {
        var (tenant, _, done, _, running) = await SeedAsync();
        var reader = tenant.Reader();
        using var response = await reader.GetAsync($"/api/v1/sync-runs/{running.Id}/progress", HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<SseItem<string>>();
        var updater = Task.Run(async () =>
        {
            await Task.Delay(800, Ct);
            await using var db = factory.Database.CreateContext(tenant.Id);
            await db.SyncRuns.Where(r => r.Id == running.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Processed, 120).SetProperty(r => r.Pages, 2), Ct);
            await Task.Delay(800, Ct);
            await db.SyncRuns.Where(r => r.Id == running.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Processed, 200).SetProperty(r => r.Status, SyncRunStatus.Succeeded), Ct);
        }, Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(Ct)).EnumerateAsync(timeout.Token)) events.Add(item);
        await updater;

        var data = events.Select(e => JsonDocument.Parse(e.Data).RootElement).ToList();
        Assert.Equal((10, 5), (data[0].GetProperty("processed").GetInt32(), data[0].GetProperty("progressPercent").GetInt32()));
        Assert.Contains(data, d => d.GetProperty("processed").GetInt32() == 120 && d.GetProperty("progressPercent").GetInt32() == 60);
        Assert.Equal("finished", events[^1].EventType);
        Assert.Equal(("succeeded", 100, true), (data[^1].GetProperty("status").GetString(), data[^1].GetProperty("progressPercent").GetInt32(), data[^1].GetProperty("finished").GetBoolean()));
        Assert.All(events[..^1], e => Assert.Equal("progress", e.EventType));

        // A finished run answers with its final state at once.
        using var finished = await reader.GetAsync($"/api/v1/sync-runs/{done.Id}/progress", Ct);
        Assert.Contains("event: finished", await finished.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/sync-runs/{Guid.NewGuid()}/progress", Ct)).StatusCode);
    }
}
