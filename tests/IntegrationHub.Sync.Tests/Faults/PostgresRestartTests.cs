using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Npgsql;

namespace IntegrationHub.Sync.Tests.Faults;

/// <summary>The worker fixture on a PostgreSQL server of its own, which the test restarts.</summary>
public sealed class PrivatePostgresFixture : WorkerFaultFixture
{
    private readonly PrivatePostgres _postgres;

    public PrivatePostgresFixture() : this(new PrivatePostgres()) { }

    private PrivatePostgresFixture(PrivatePostgres postgres) : base(TestDatabase.OnOwnServers(postgres.Server)) => _postgres = postgres;

    public PrivatePostgres Postgres => _postgres;

    public override async ValueTask InitializeAsync()
    {
        await _postgres.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _postgres.DisposeAsync();
        }
    }
}

/// <summary>
/// PostgreSQL restarted (pg_ctl restart -m fast: every session cut) while a SyncWorker process is mid-run. The
/// session holding the run's advisory locks is gone, so the run stops (Jobs:LockCheckInterval) rather than go on
/// unlocked; the job's retry takes the locks again and resumes from the checkpoint.
/// </summary>
[Collection(WorkerFaults.Name)]
public sealed class PostgresRestartTests(PrivatePostgresFixture fixture, ITestOutputHelper output) : IClassFixture<PrivatePostgresFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Fact]
    public async Task A_postgres_restart_mid_run_is_retried_and_the_run_completes_with_every_record_once()
    {
        var qbo = await fixture.ConnectAsync(WorkerFaultFixture.Customers, Ct);
        await fixture.SlowQueriesAsync();
        await fixture.StartWorkersAsync(1, ("Jobs__LockCheckInterval", "00:00:01"));
        var started = await PostmasterStartAsync();

        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        var midway = await fixture.WaitForRunAsync(runId, r => r is { Status: SyncRunStatus.Running, Pages: >= 1 }, TimeSpan.FromMinutes(3), "running, a page done");
        await fixture.Postgres.Server.RestartAsync(Ct);
        NpgsqlConnection.ClearAllPools();
        Assert.True(await PostmasterStartAsync() > started, "the server restarted");
        Assert.True(midway.Pages < WorkerFaultFixture.Pages, $"the run was caught mid-way ({midway.Pages} pages)");

        var run = await fixture.WaitForRunAsync(runId, r => r.Status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors, TimeSpan.FromMinutes(3), "finished");
        output.WriteLine($"PostgreSQL restarted at page {midway.Pages}/{WorkerFaultFixture.Pages}; the run finished {run.Status} after {run.Attempts} attempt(s), {run.DurationMs} ms; load average {WorkerTakeoverTests.LoadAverage()}");
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        // The restart ended the session holding the run's locks: the run stopped and its retry took them again.
        Assert.Equal(2, run.Attempts);
        WorkerTakeoverTests.AssertCountsAddUp(run, await qbo.CountAsync(Customer));
        await RecordStoreAssertions.EachRemoteStoredOnceAsync(qbo, Customer, WorkerFaultFixture.Customers);
        await RecordStoreAssertions.OneVersionAndOneEventPerRecordAsync(qbo, Customer, WorkerFaultFixture.Customers);
    }

    private async Task<DateTime> PostmasterStartAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT pg_postmaster_start_time()", connection);
        return (DateTime)(await command.ExecuteScalarAsync(Ct))!;
    }
}
