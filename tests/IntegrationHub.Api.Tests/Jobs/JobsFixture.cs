extern alias worker;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>The Api and one SyncWorker on one fresh database, sharing a test executor.</summary>
public class JobsFixture : ApiFactory
{
    public TestSyncExecutor Executor { get; } = new();
    public ServiceHost<worker::Program> Worker { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Worker = WorkerHost.WithTestExecutor(Database, Executor);
    }

    public override async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await base.DisposeAsync();
    }

    public async Task<Guid> ActiveConnectionAsync(Guid tenantId, string provider = "xero", ConnectionStatus status = ConnectionStatus.Active)
    {
        await using var db = Database.CreateContext(tenantId);
        var connection = new Connection { Provider = provider, Environment = "simulator", DisplayName = "Books " + Guid.NewGuid().ToString("N")[..4], Status = status };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    /// <summary>Requests a run through the Api's own scheduler, as an endpoint or a schedule would.</summary>
    public async Task<SyncRun> RequestRunAsync(Guid tenantId, Guid connectionId, params string[] entities)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ISyncScheduler>()
            .RequestRunAsync(new SyncRunRequest(tenantId, connectionId, SyncRunKind.Incremental, SyncTrigger.Manual, entities), CancellationToken.None);
    }

    public async Task<SyncRun?> RunAsync(Guid runId)
    {
        await using var db = Database.CreateContext();
        return await db.SyncRuns.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId);
    }

    public async Task<SyncRun> WaitForRunAsync(Guid runId, Func<SyncRun, bool> condition, TimeSpan? timeout = null)
    {
        SyncRun? run = null;
        await Eventually.HoldsAsync(async () => (run = await RunAsync(runId)) is { } r && condition(r), timeout ?? TimeSpan.FromSeconds(30),
            () => $"run {runId}: {run?.Status} attempts {run?.Attempts} error {run?.Error}");
        return run!;
    }

    /// <summary>The Hangfire state of a job, read from its storage.</summary>
    public async Task<string?> JobStateAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT statename FROM hangfire.job WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", long.Parse(jobId));
        return await command.ExecuteScalarAsync() as string;
    }

    /// <summary>The run row is written inside the job; Hangfire's state follows when the job returns.</summary>
    public async Task WaitForJobStateAsync(string jobId, string state)
    {
        string? current = null;
        await Eventually.HoldsAsync(async () => (current = await JobStateAsync(jobId)) == state, TimeSpan.FromSeconds(15), () => $"job {jobId} is {current}");
    }

    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

public static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Condition not met within {timeout}" + (describe is null ? "" : ": " + describe()));
            await Task.Delay(100);
        }
    }
}
