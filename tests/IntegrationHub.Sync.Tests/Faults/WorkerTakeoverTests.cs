using System.Diagnostics;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Sync.Tests.Faults;

/// <summary>
/// kill -9 of the SyncWorker running a sync: Hangfire's sliding invisibility timeout (Jobs:InvisibilityTimeout) hands
/// the job to the other worker, which resumes the run from its last page checkpoint.
/// </summary>
[Collection(WorkerFaults.Name)]
public sealed class WorkerTakeoverTests(WorkerFaultFixture fixture, ITestOutputHelper output) : IClassFixture<WorkerFaultFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Fact]
    public async Task A_worker_killed_mid_run_loses_the_run_to_another_worker_that_finishes_it_without_losing_or_repeating_a_record()
    {
        var qbo = await fixture.ConnectAsync(WorkerFaultFixture.Customers, Ct);
        await fixture.SlowQueriesAsync();
        var workers = await fixture.StartWorkersAsync(2);

        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        var midway = await fixture.WaitForRunAsync(runId, r => r is { Status: SyncRunStatus.Running, Pages: >= 1, JobId: not null }, TimeSpan.FromMinutes(3), "running, a page done");
        Assert.True(midway.Pages < WorkerFaultFixture.Pages, $"the run was caught mid-way ({midway.Pages} pages)");
        var holderPid = await fixture.ProcessingPidAsync(midway.JobId!) ?? throw new InvalidOperationException("No worker is processing the run's job.");
        var holder = workers.Single(w => w.Id == holderPid);
        var survivor = workers.Single(w => w.Id != holderPid);

        var clock = Stopwatch.StartNew();
        holder.KillHard();
        var pagesAtKill = (await fixture.RunAsync(runId)).Pages;
        await fixture.WaitForRunAsync(runId, r => r.Attempts == 2, TimeSpan.FromSeconds(90), "claimed again after the kill");
        var takeover = clock.Elapsed;
        Assert.Equal(survivor.Id, await fixture.ProcessingPidAsync(midway.JobId!));
        var run = await fixture.WaitForRunAsync(runId, r => r.Status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors or SyncRunStatus.Failed,
            TimeSpan.FromMinutes(3), "finished");
        var completed = clock.Elapsed;

        output.WriteLine($"Worker takeover (Jobs:InvisibilityTimeout {WorkerFaultFixture.InvisibilityTimeout.TotalSeconds:0} s): kill -9 at page {pagesAtKill}/{WorkerFaultFixture.Pages}; "
            + $"run claimed by the other worker after {takeover.TotalSeconds:0.0} s, completed after {completed.TotalSeconds:0.0} s; load average {LoadAverage()}");
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Null(run.Error);
        Assert.Equal(2, run.Attempts);
        Assert.True(takeover >= WorkerFaultFixture.InvisibilityTimeout / 2, $"taken over after {takeover}, long before the invisibility timeout");
        AssertCountsAddUp(run, await qbo.CountAsync(Customer));
        await RecordStoreAssertions.EachRemoteStoredOnceAsync(qbo, Customer, WorkerFaultFixture.Customers);
        await RecordStoreAssertions.OneVersionAndOneEventPerRecordAsync(qbo, Customer, WorkerFaultFixture.Customers);
    }

    /// <summary>Every remote record processed and created once, across both workers' attempts.</summary>
    internal static void AssertCountsAddUp(SyncRun run, int remoteCount)
    {
        Assert.Equal(WorkerFaultFixture.Customers, remoteCount);
        var counts = run.Counts[CanonicalEntities.Customer];
        Assert.Equal(new EntityCounts { Processed = remoteCount, Created = remoteCount }, counts);
        Assert.Equal(remoteCount, run.Processed);
        Assert.Equal(WorkerFaultFixture.Pages, run.Pages);
    }

    internal static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
