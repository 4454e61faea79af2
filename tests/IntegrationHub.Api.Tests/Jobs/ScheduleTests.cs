using Hangfire;
using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>Recurring schedules in Hangfire's storage, fired once per tick even with two workers running the scheduler.</summary>
public class ScheduleTests(JobsFixture f) : IClassFixture<JobsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_workers_fire_a_schedule_once_per_tick()
    {
        await using var second = WorkerHost.WithTestExecutor(f.Database, f.Executor);
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        await using (var db = f.Database.CreateContext(tenant.Id))
        {
            db.SyncConfigs.Add(new SyncConfig { ConnectionId = connection, Entity = "Customer" });
            await db.SaveChangesAsync(Ct);
        }
        var jobId = SyncSchedules.JobId(connection, "Customer");
        // Every two seconds (Hangfire accepts a seconds field); the API only accepts minute schedules.
        var recurring = f.Services.GetRequiredService<IRecurringJobManagerV2>();
        recurring.AddOrUpdate<ScheduledSyncJob>(jobId, JobQueues.Sync, j => j.RunAsync(tenant.Id, connection, "Customer", CancellationToken.None), "*/2 * * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

        await Task.Delay(TimeSpan.FromSeconds(9), Ct);
        recurring.RemoveIfExists(jobId);

        var fired = await f.ScalarAsync("""
            SELECT count(*) FROM hangfire.jobparameter p JOIN hangfire.jobparameter t ON t.jobid = p.jobid AND t.name = 'Time'
            WHERE p.name = 'RecurringJobId' AND p.value = @id
            """, ("id", $"\"{jobId}\""));
        var distinctTicks = await f.ScalarAsync("""
            SELECT count(DISTINCT t.value) FROM hangfire.jobparameter p JOIN hangfire.jobparameter t ON t.jobid = p.jobid AND t.name = 'Time'
            WHERE p.name = 'RecurringJobId' AND p.value = @id
            """, ("id", $"\"{jobId}\""));
        Assert.InRange(fired, 3, 6);
        Assert.Equal(distinctTicks, fired);
        await Eventually.HoldsAsync(async () => await f.ScalarAsync(
            "SELECT count(*) FROM sync_runs WHERE connection_id = @c AND trigger = 'Schedule' AND status = 'Succeeded'", ("c", connection)) >= 3, TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_schedule_whose_config_is_gone_removes_itself()
    {
        var tenant = await f.CreateTenantAsync();
        var connection = await f.ActiveConnectionAsync(tenant.Id);
        var jobId = SyncSchedules.JobId(connection, "Invoice");
        var recurring = f.Services.GetRequiredService<IRecurringJobManagerV2>();
        recurring.AddOrUpdate<ScheduledSyncJob>(jobId, JobQueues.Sync, j => j.RunAsync(tenant.Id, connection, "Invoice", CancellationToken.None), "* * * * *");
        recurring.TriggerJob(jobId);
        await Eventually.HoldsAsync(() => Task.FromResult(f.Services.GetRequiredService<SyncSchedules>().ForConnection(connection).Count == 0), TimeSpan.FromSeconds(15));
        Assert.Equal(0, await f.ScalarAsync("SELECT count(*) FROM sync_runs WHERE connection_id = @c", ("c", connection)));
    }
}
