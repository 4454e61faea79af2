using System.Collections.Concurrent;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>
/// The sync engine's stand-in for queue tests: per connection, a script of what each execution does (succeed, throw a
/// given error, block until released). It counts calls per run and tracks how many executions overlap.
/// </summary>
public sealed class TestSyncExecutor
{
    private readonly ConcurrentDictionary<Guid, Func<int, CancellationToken, Task>> _scripts = new();
    private readonly ConcurrentDictionary<Guid, int> _calls = new();
    private readonly ConcurrentDictionary<Guid, int> _running = new();
    private readonly ConcurrentDictionary<Guid, int> _maxRunning = new();
    private readonly ConcurrentQueue<(Guid RunId, Guid ConnectionId, DateTimeOffset At)> _started = new();

    /// <summary>What an execution on this connection does; receives the call number of the run (1 for the first).</summary>
    public void Script(Guid connectionId, Func<int, CancellationToken, Task> script) => _scripts[connectionId] = script;

    public int Calls(Guid runId) => _calls.GetValueOrDefault(runId);
    public int Running(Guid key) => _running.GetValueOrDefault(key);
    public int MaxRunning(Guid key) => _maxRunning.GetValueOrDefault(key);
    public IReadOnlyList<(Guid RunId, Guid ConnectionId, DateTimeOffset At)> Started => [.. _started];

    internal async Task ExecuteAsync(Guid runId, Guid connectionId, Guid tenantId, CancellationToken ct)
    {
        var call = _calls.AddOrUpdate(runId, 1, (_, n) => n + 1);
        _started.Enqueue((runId, connectionId, DateTimeOffset.UtcNow));
        Enter(connectionId);
        Enter(tenantId);
        try
        {
            if (_scripts.TryGetValue(connectionId, out var script)) await script(call, ct);
        }
        finally
        {
            _running.AddOrUpdate(connectionId, 0, (_, n) => n - 1);
            _running.AddOrUpdate(tenantId, 0, (_, n) => n - 1);
        }
    }

    private void Enter(Guid key)
    {
        var now = _running.AddOrUpdate(key, 1, (_, n) => n + 1);
        _maxRunning.AddOrUpdate(key, now, (_, max) => Math.Max(max, now));
    }
}

/// <summary>The <see cref="ISyncRunExecutor"/> the worker resolves: reads the run in its tenant and hands it to the script.</summary>
public sealed class TestSyncRunExecutor(HubDbContext db, TestSyncExecutor executor) : ISyncRunExecutor
{
    public async Task ExecuteAsync(Guid runId, CancellationToken ct)
    {
        var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        await executor.ExecuteAsync(runId, run.ConnectionId, run.TenantId, ct);
    }
}
