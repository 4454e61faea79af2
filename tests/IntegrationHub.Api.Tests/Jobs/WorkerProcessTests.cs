using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>The real SyncWorker binary as a child process: it dispatches queued runs into jobs, and dies on SIGKILL without cleanup.</summary>
public class WorkerProcessTests(JobsApiFactory factory) : IClassFixture<JobsApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_process_dispatches_queued_runs_and_can_be_killed_hard()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await factory.ConnectionAsync(tenant.Id, ConnectionStatus.Active);
        var run = new SyncRun { ConnectionId = connection, Entities = ["Customer"] };
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            db.SyncRuns.Add(run);
            await db.SaveChangesAsync(Ct);
        }

        await using var worker = WorkerProcess.Start(factory.Database, ("Jobs__InvisibilityTimeout", "00:00:10"), ("Jobs__DispatchInterval", "00:00:00.500"));
        await worker.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(4));
        string? jobId = null;
        await Eventually.HoldsAsync(async () =>
        {
            await using var db = factory.Database.CreateContext(tenant.Id);
            return (jobId = await db.SyncRuns.Where(r => r.Id == run.Id).Select(r => r.JobId).SingleAsync(Ct)) is not null;
        }, TimeSpan.FromSeconds(30));

        worker.KillHard();
        Assert.True(worker.HasExited);
        Assert.DoesNotContain(worker.Output, l => l.Contains("stopped gracefully", StringComparison.Ordinal));
    }
}
