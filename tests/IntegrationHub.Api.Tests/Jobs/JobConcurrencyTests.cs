using IntegrationHub.Core.Sync;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>At most one running sync per connection and entity, and at most Jobs:PerTenantConcurrency (2) per tenant, across workers.</summary>
public class JobConcurrencyTests(JobsFixture f) : IClassFixture<JobsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_run_of_the_same_entity_waits_for_the_first_without_spending_an_attempt()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Executor.Script(connection, (_, ct) => gate.Task.WaitAsync(ct));

        var first = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        await Eventually.HoldsAsync(() => Task.FromResult(f.Executor.Running(connection) == 1), TimeSpan.FromSeconds(15));
        var second = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        // Postponed every second (Jobs:PostponeDelay) while the first holds the lock.
        await Task.Delay(3500, Ct);
        Assert.Equal(0, f.Executor.Calls(second.Id));
        var waiting = await f.RunAsync(second.Id);
        Assert.Equal(SyncRunStatus.Queued, waiting!.Status);
        Assert.Equal(0, waiting.Attempts);
        // Postponed, never failed: the job cycles between Scheduled, Enqueued and (briefly) Processing.
        Assert.Contains(await f.JobStateAsync(waiting.JobId!), new[] { "Scheduled", "Enqueued", "Processing" });

        gate.SetResult();
        await f.WaitForRunAsync(first.Id, r => r.Status == SyncRunStatus.Succeeded);
        var done = await f.WaitForRunAsync(second.Id, r => r.Status == SyncRunStatus.Succeeded);
        Assert.Equal(1, done.Attempts);
        Assert.Equal(1, f.Executor.MaxRunning(connection));
    }

    [Fact]
    public async Task Different_entities_of_one_connection_run_side_by_side()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Executor.Script(connection, (_, ct) => gate.Task.WaitAsync(ct));

        var customers = await f.RequestRunAsync(tenant.Id, connection, "Customer");
        var invoices = await f.RequestRunAsync(tenant.Id, connection, "Invoice");
        await Eventually.HoldsAsync(() => Task.FromResult(f.Executor.Running(connection) == 2), TimeSpan.FromSeconds(15));
        gate.SetResult();
        await f.WaitForRunAsync(customers.Id, r => r.Status == SyncRunStatus.Succeeded);
        await f.WaitForRunAsync(invoices.Id, r => r.Status == SyncRunStatus.Succeeded);
    }

    [Fact]
    public async Task One_tenant_runs_at_most_its_limit_while_another_tenant_still_gets_through()
    {
        var busy = await f.CreateTenantAsync();
        var other = await f.CreateTenantAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new List<SyncRun>();
        for (var i = 0; i < 4; i++)
        {
            var connection = await f.ActiveConnectionAsync(busy.Id);
            f.Executor.Script(connection, (_, ct) => gate.Task.WaitAsync(ct));
            runs.Add(await f.RequestRunAsync(busy.Id, connection, "Customer"));
        }
        await Eventually.HoldsAsync(() => Task.FromResult(f.Executor.Running(busy.Id) == 2), TimeSpan.FromSeconds(15));

        var otherConnection = await f.ActiveConnectionAsync(other.Id);
        f.Executor.Script(otherConnection, (_, ct) => gate.Task.WaitAsync(ct));
        var otherRun = await f.RequestRunAsync(other.Id, otherConnection, "Customer");
        await Eventually.HoldsAsync(() => Task.FromResult(f.Executor.Running(other.Id) == 1), TimeSpan.FromSeconds(15));
        await Task.Delay(2500, Ct);
        Assert.Equal(2, f.Executor.MaxRunning(busy.Id));

        gate.SetResult();
        foreach (var run in runs.Append(otherRun))
        {
            var done = await f.WaitForRunAsync(run.Id, r => r.Status == SyncRunStatus.Succeeded);
            Assert.Equal(1, done.Attempts);
        }
        Assert.Equal(2, f.Executor.MaxRunning(busy.Id));
    }
}
