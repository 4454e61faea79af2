using Hangfire;
using Hangfire.States;
using IntegrationHub.Core.Sync;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Turns committed queued runs without a job into Hangfire jobs. Rows are claimed with FOR UPDATE SKIP LOCKED so
/// several dispatchers never enqueue the same run; the job id is written in the same transaction. If the process
/// dies after creating a job but before committing its id, the next dispatch creates another job and the orphan
/// finds a different job id on the run and exits without doing anything (see <see cref="SyncRunJob"/>).
/// </summary>
public sealed class SyncRunDispatcher(HubJobsDatabase database, IBackgroundJobClientV2 jobs, ILogger<SyncRunDispatcher> logger)
{
    private const int BatchSize = 100;

    public static string QueueFor(SyncRunKind kind) => kind == SyncRunKind.Push ? JobQueues.Push : JobQueues.Sync;

    /// <returns>How many runs got a job.</returns>
    public async Task<int> DispatchAsync(Guid? runId, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claimed = new List<(Guid Id, string Kind)>();
        await using (var select = new NpgsqlCommand(
            "SELECT id, kind FROM sync_runs WHERE status = 'Queued' AND job_id IS NULL" + (runId is null ? "" : " AND id = @id")
            + " ORDER BY queued_at LIMIT @n FOR UPDATE SKIP LOCKED", connection, transaction))
        {
            if (runId is { } id) select.Parameters.AddWithValue("id", id);
            select.Parameters.AddWithValue("n", BatchSize);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) claimed.Add((reader.GetGuid(0), reader.GetString(1)));
        }
        foreach (var (id, kind) in claimed)
        {
            var queue = QueueFor(Enum.Parse<SyncRunKind>(kind));
            var jobId = jobs.Create<SyncRunJob>(queue, j => j.RunAsync(id, null, CancellationToken.None), new EnqueuedState(queue));
            await using var update = new NpgsqlCommand("UPDATE sync_runs SET job_id = @job WHERE id = @id", connection, transaction);
            update.Parameters.AddWithValue("job", jobId);
            update.Parameters.AddWithValue("id", id);
            await update.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        if (claimed.Count > 0) logger.LogDebug("Dispatched {Count} sync run(s)", claimed.Count);
        return claimed.Count;
    }
}
