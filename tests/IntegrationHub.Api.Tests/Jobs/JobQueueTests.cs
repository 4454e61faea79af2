using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>Sync runs as Hangfire jobs on a real worker: transactional enqueue, the retry policy per error class, and the dead-letter state.</summary>
public class JobQueueTests(JobsFixture f) : IClassFixture<JobsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rolled_back_request_never_becomes_a_job_and_a_committed_one_runs_once()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        await using var scope = f.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.HubDbContext>();
        var scheduler = scope.ServiceProvider.GetRequiredService<ISyncScheduler>();
        var request = new SyncRunRequest(tenant.Id, connection, SyncRunKind.Full, SyncTrigger.Manual, ["Customer"]);

        var rolledBack = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var run = await scheduler.RequestRunAsync(request, Ct);
            Assert.Null(run.JobId);
            await transaction.RollbackAsync(Ct);
            return run;
        });
        db.ChangeTracker.Clear();
        var committed = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var run = await scheduler.RequestRunAsync(request, Ct);
            await transaction.CommitAsync(Ct);
            return run;
        });

        var done = await f.WaitForRunAsync(committed.Id, r => r.Status == SyncRunStatus.Succeeded);
        Assert.NotNull(done.JobId);
        await f.WaitForJobStateAsync(done.JobId!, "Succeeded");
        Assert.Equal(1, f.Executor.Calls(committed.Id));
        // Several dispatch intervals later the rolled-back run still has no row and no job.
        await Task.Delay(1500, Ct);
        Assert.Null(await f.RunAsync(rolledBack.Id));
        Assert.Equal(0, f.Executor.Calls(rolledBack.Id));
        Assert.Equal(0, await f.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE @a", ("a", $"%{rolledBack.Id}%")));
        Assert.Equal(1, await f.ScalarAsync("SELECT count(*) FROM hangfire.job WHERE arguments::text LIKE @a", ("a", $"%{committed.Id}%")));
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_until_the_run_succeeds()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        f.Executor.Script(connection, (call, _) => call < 3
            ? throw new ConnectorException(ErrorClass.Transient, $"HTTP 503 on call {call}")
            : Task.CompletedTask);

        var run = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        Assert.NotNull(run.JobId);
        var done = await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Succeeded);
        Assert.Equal(3, done.Attempts);
        Assert.Equal(3, f.Executor.Calls(run.Id));
        var starts = f.Executor.Started.Where(s => s.RunId == run.Id).Select(s => s.At).ToList();
        // Base 1 s with equal jitter: the first retry waits 0.5–1 s, the second 1–2 s (capped at 2 s).
        Assert.True(starts[1] - starts[0] >= TimeSpan.FromMilliseconds(450), $"first retry after {starts[1] - starts[0]}");
        Assert.True(starts[2] - starts[1] >= TimeSpan.FromMilliseconds(950), $"second retry after {starts[2] - starts[1]}");
    }

    [Fact]
    public async Task A_run_that_keeps_failing_goes_to_the_dead_letter_with_a_sanitised_error()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        f.Executor.Script(connection, (_, _) => throw new HttpRequestException("Upstream reset; request had Authorization: Bearer sekr3t-t0ken-value and access_token=leaky123"));

        var run = await f.RequestRunAsync(tenant.Id, connection, "Invoice");
        var failed = await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Failed);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal(3, f.Executor.Calls(run.Id));
        await f.WaitForJobStateAsync(failed.JobId!, "Failed");
        Assert.DoesNotContain("sekr3t", failed.Error);
        Assert.DoesNotContain("leaky123", failed.Error);

        await using (var db = f.Database.CreateContext())
        {
            var events = await db.OutboxEvents.Where(e => e.Type == EventTypes.SyncRunFailed && e.TenantId == tenant.Id).ToListAsync(Ct);
            var payload = Assert.Single(events).Payload.RootElement;
            Assert.Equal(run.Id, payload.GetProperty("runId").GetGuid());
            Assert.Equal("Transient", payload.GetProperty("errorClass").GetString());
        }

        var list = await tenant.Reader().GetFromJsonAsync<JsonElement>("/api/v1/dead-letter", Ct);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(failed.JobId, item.GetProperty("jobId").GetString());
        Assert.Equal(run.Id, item.GetProperty("runId").GetGuid());
        Assert.Equal(connection, item.GetProperty("connectionId").GetGuid());
        Assert.Equal(3, item.GetProperty("attempts").GetInt32());
        Assert.Equal("Invoice", item.GetProperty("entities")[0].GetString());
        Assert.Contains("Upstream reset", item.GetProperty("error").GetString());
        var raw = list.GetRawText();
        Assert.DoesNotContain("sekr3t", raw);
        Assert.DoesNotContain("leaky123", raw);
    }

    [Fact]
    public async Task A_rate_limited_run_waits_the_providers_delay_without_spending_an_attempt()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        f.Executor.Script(connection, (call, _) => call <= 2
            ? throw new ConnectorException(ErrorClass.RateLimited, "429 Too Many Requests") { RetryAfter = TimeSpan.FromSeconds(1.5) }
            : Task.CompletedTask);

        var run = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        var done = await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Succeeded);
        // Three executions, but two were waits for the provider: one attempt counted (MaxAttempts is 3, so counting would have failed it).
        Assert.Equal(3, f.Executor.Calls(run.Id));
        Assert.Equal(1, done.Attempts);
        var starts = f.Executor.Started.Where(s => s.RunId == run.Id).Select(s => s.At).ToList();
        Assert.True(starts[1] - starts[0] >= TimeSpan.FromSeconds(1.4), $"waited {starts[1] - starts[0]}");
    }

    [Fact]
    public async Task An_auth_failure_marks_the_connection_needs_reauth_once_and_fails_without_retry()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        f.Executor.Script(connection, (_, _) => throw new ConnectorException(ErrorClass.Auth, "401 invalid_grant") { StatusCode = 401 });

        var first = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        var second = await f.RequestRunAsync(tenant.Id, connection, "Invoice");
        await f.WaitForRunAsync(first.Id, r => r.Status == SyncRunStatus.Failed);
        await f.WaitForRunAsync(second.Id, r => r.Status == SyncRunStatus.Failed);
        Assert.Equal(1, f.Executor.Calls(first.Id));
        Assert.Equal(1, f.Executor.Calls(second.Id));

        await using var db = f.Database.CreateContext(tenant.Id);
        var row = await db.Connections.SingleAsync(c => c.Id == connection, Ct);
        Assert.Equal(ConnectionStatus.NeedsReauth, row.Status);
        Assert.Contains("invalid_grant", row.StatusReason);
        Assert.Equal(1, await db.OutboxEvents.CountAsync(e => e.Type == EventTypes.ConnectionNeedsReauth && e.TenantId == tenant.Id, Ct));
        Assert.Equal(2, await db.OutboxEvents.CountAsync(e => e.Type == EventTypes.SyncRunFailed && e.TenantId == tenant.Id, Ct));
    }

    [Theory]
    [InlineData("permanent")]
    [InlineData("cursor")]
    [InlineData("validation")]
    public async Task Permanent_cursor_and_validation_errors_fail_the_job_at_once(string kind)
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        f.Executor.Script(connection, (_, _) => throw (kind switch
        {
            "cursor" => new InvalidCursorException("garbage", "not a timestamp"),
            "validation" => new ConnectorException(ErrorClass.Validation, "Contact name is required"),
            _ => new ConnectorException(ErrorClass.Permanent, "The organisation was deleted"),
        }));

        var run = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        var failed = await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Failed);
        Assert.Equal(1, failed.Attempts);
        await f.WaitForJobStateAsync(failed.JobId!, "Failed");
        await Task.Delay(1500, Ct);
        Assert.Equal(1, f.Executor.Calls(run.Id));
    }

    [Fact]
    public async Task Dead_letters_are_redriven_one_at_a_time_or_all_together()
    {
        var tenant = await f.CreateTenantAsync();
        var healthy = false;
        var connections = new List<Guid>();
        var runs = new List<SyncRun>();
        for (var i = 0; i < 3; i++)
        {
            var connection = await f.ActiveConnectionAsync(tenant.Id);
            f.Executor.Script(connection, (_, _) => healthy ? Task.CompletedTask : throw new ConnectorException(ErrorClass.Permanent, "Provider said no"));
            connections.Add(connection);
            runs.Add(await f.RequestRunAsync(tenant.Id, connection, "Item"));
        }
        var failed = new List<SyncRun>();
        foreach (var run in runs) failed.Add(await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Failed));
        foreach (var run in failed) await f.WaitForJobStateAsync(run.JobId!, "Failed");
        healthy = true;

        var admin = tenant.Admin();
        var one = await (await admin.PostAsJsonAsync("/api/v1/dead-letter/redrive", new { jobIds = new[] { failed[0].JobId, "999999999" } }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([failed[0].JobId!], one.GetProperty("requeued").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(["999999999"], one.GetProperty("notFound").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var redriven = await f.WaitForRunAsync(runs[0].Id, r => r.Status == SyncRunStatus.Succeeded);
        Assert.Equal(1, redriven.Attempts);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/dead-letter", Ct)).GetProperty("total").GetInt32());

        var all = await (await admin.PostAsJsonAsync("/api/v1/dead-letter/redrive", new { all = true }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, all.GetProperty("requeued").GetArrayLength());
        foreach (var run in runs.Skip(1)) await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Succeeded);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/dead-letter", Ct)).GetProperty("total").GetInt32());
        Assert.All(runs, r => Assert.Equal(2, f.Executor.Calls(r.Id)));

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit?action=sync_run.redriven", Ct);
        Assert.Equal(3, audit.GetProperty("total").GetInt32());
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/dead-letter/redrive", new { }, Ct), 400);
        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/dead-letter/redrive", new { all = true, jobIds = new[] { "1" } }, Ct), 400);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await tenant.Reader().PostAsJsonAsync("/api/v1/dead-letter/redrive", new { all = true }, Ct)).StatusCode);
    }
}
