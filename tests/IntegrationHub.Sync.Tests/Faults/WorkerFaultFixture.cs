using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Sync.Tests.Faults;

/// <summary>The fault tests that start SyncWorker processes run one after another (they load the machine, and time takeovers).</summary>
[CollectionDefinition(Name)]
public sealed class WorkerFaults
{
    public const string Name = "SyncWorker processes under faults";
}

/// <summary>
/// Faults around real SyncWorker child processes: the simulator on Kestrel (reachable from them), the engine's
/// services in the test process only to set connections up, and workers with short job timeouts that are killed on
/// dispose whatever the test's outcome. Runs are requested as a caller's transaction does (a queued row the workers'
/// dispatch loop turns into a Hangfire job).
/// </summary>
public class WorkerFaultFixture : SyncFixture
{
    /// <summary>
    /// Two QBO pages (the connector reads 1000 per page): a fault is injected once the first page is committed, while
    /// the second is on its way (slowed by <see cref="QueryLatencyMs"/>). Few records keep the test short on a busy machine.
    /// </summary>
    public const int Customers = 1200;
    public const int Pages = 2;
    public const int QueryLatencyMs = 3000;
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(15);
    private readonly List<WorkerProcess> _workers = [];

    public WorkerFaultFixture() : this(new TestDatabase()) { }

    protected WorkerFaultFixture(TestDatabase database) : base(database) { }

    /// <summary>Starts SyncWorker processes side by side and waits until each has started.</summary>
    public async Task<WorkerProcess[]> StartWorkersAsync(int count, params (string Key, string Value)[] settings)
    {
        (string, string)[] all =
        [
            ("services__simulators__http__0", Simulator.Url),
            ("Jobs__InvisibilityTimeout", InvisibilityTimeout.ToString("c")),
            ("Jobs__WorkerCount", "2"),
            ("Jobs__QueuePollInterval", "00:00:00.500"),
            ("Jobs__DispatchInterval", "00:00:00.500"),
            ("Jobs__Retry__BaseDelay", "00:00:01"),
            ("Jobs__Retry__MaxDelay", "00:00:02"),
            ("SyncEngine__TransientBackoff", "00:00:00.200"),
            ("Logging__LogLevel__Default", "Warning"),
            ("Logging__LogLevel__Microsoft.Hosting.Lifetime", "Information"),
            .. settings,
        ];
        var workers = new WorkerProcess[count];
        for (var i = 0; i < count; i++)
        {
            workers[i] = WorkerProcess.Start(Database, all);
            lock (_workers) _workers.Add(workers[i]);
        }
        await Task.WhenAll(workers.Select(w => w.WaitForOutputAsync("Application started", TimeSpan.FromMinutes(4))));
        return workers;
    }

    /// <summary>Every QBO query answers after <paramref name="delayMs"/>, so a run spends seconds on each page.</summary>
    public async Task SlowQueriesAsync(int delayMs = QueryLatencyMs) =>
        (await Control().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Latency", pathContains = "/query", delayMs })).EnsureSuccessStatusCode();

    public async Task<SyncRun> RunAsync(Guid runId)
    {
        await using var db = Database.CreateContext();
        return await db.SyncRuns.IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    /// <summary>Polls the run until <paramref name="condition"/> holds; the failure message carries the run and the workers' last lines.</summary>
    public async Task<SyncRun> WaitForRunAsync(Guid runId, Func<SyncRun, bool> condition, TimeSpan timeout, string what)
    {
        SyncRun? run = null;
        await WaitUntilAsync(async () => condition(run = await RunAsync(runId)), timeout,
            () => $"run {runId} {what}: {run?.Status}, {run?.Pages} pages, attempts {run?.Attempts}, error {run?.Error}");
        return run!;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds. Database errors while polling are tolerated (a test may
    /// have restarted the server), and reported if the time runs out.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                last = ex;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Not within {timeout}: {describe()}" + (last is null ? "" : $"\nlast polling error: {last.Message}") + "\n" + WorkerOutput());
    }

    /// <summary>The pid in the Hangfire server id of the worker processing the job now, or null while nobody is.</summary>
    public async Task<int?> ProcessingPidAsync(string jobId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid WHERE j.id = @id AND j.statename = 'Processing'", connection);
        command.Parameters.AddWithValue("id", long.Parse(jobId));
        if (await command.ExecuteScalarAsync() is not string data) return null;
        // Server ids are "{machine}:{pid}:{suffix}:…" (JobsRegistration names the server).
        var serverId = JsonDocument.Parse(data).RootElement.GetProperty("ServerId").GetString()!;
        return int.Parse(serverId.Split(':')[1]);
    }

    public string WorkerOutput()
    {
        lock (_workers) return string.Join("\n", _workers.Select(w => $"--- worker {w.Id}{(w.HasExited ? " (exited)" : "")}:\n" + string.Join("\n", w.Output.TakeLast(25))));
    }

    public override async ValueTask DisposeAsync()
    {
        WorkerProcess[] workers;
        lock (_workers) workers = [.. _workers];
        foreach (var worker in workers) await worker.DisposeAsync();
        await base.DisposeAsync();
    }
}
