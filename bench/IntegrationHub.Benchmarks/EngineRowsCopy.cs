using System.Diagnostics;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// B1's full COPY baseline: every row the timed engine run wrote — records of both sides, versions, links and the
/// record.* outbox events, every column — exported with binary <c>COPY … TO STDOUT</c> (not timed) and loaded again
/// with binary <c>COPY … FROM STDIN</c> into scratch tables created <c>LIKE … INCLUDING ALL</c> (same columns, defaults,
/// identity and indexes; foreign keys are not copied by LIKE). The load is timed per table: the raw PostgreSQL cost of
/// storing exactly what the engine stored, with no client-side encoding at all (and PostgreSQL's CPU time for it).
/// </summary>
public static class EngineRowsCopy
{
    public sealed record Table(string Name, long Rows, TimeSpan Elapsed, TimeSpan PostgresCpu);

    public static async Task<IReadOnlyList<Table>> RunAsync(string connectionString, string pgData, Guid tenantId, Guid connectionId, Guid runId, string entity)
    {
        (string Table, string Where)[] sources =
        [
            ("records", "id IN (SELECT record_id FROM record_versions WHERE sync_run_id = @run)"),
            ("record_versions", "sync_run_id = @run"),
            ("record_links", "connection_id = @connection AND entity = @entity"),
            ("outbox_events", "tenant_id = @tenant AND type LIKE 'record.%' AND payload->>'syncRunId' = @run::text"),
        ];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<Table>();
        foreach (var (table, where) in sources)
        {
            // COPY (query) TO cannot take parameters: the query is materialised into a temporary table first.
            await using (var select = new NpgsqlCommand($"CREATE TEMP TABLE b1_src_{table} AS SELECT * FROM {table} WHERE {where}", connection))
            {
                select.Parameters.AddWithValue("run", runId);
                select.Parameters.AddWithValue("connection", connectionId);
                select.Parameters.AddWithValue("tenant", tenantId);
                select.Parameters.AddWithValue("entity", entity);
                await select.ExecuteNonQueryAsync();
            }
            var rows = await ScalarAsync(connection, $"SELECT count(*) FROM b1_src_{table}");
            var data = new MemoryStream();
            await using (var export = await connection.BeginRawBinaryCopyAsync($"COPY b1_src_{table} TO STDOUT (FORMAT BINARY)"))
                await export.CopyToAsync(data);
            await ExecuteAsync(connection, $"CREATE TABLE b1_all_{table} (LIKE {table} INCLUDING ALL)");

            var cpu = CpuTime.Postgres(pgData);
            var clock = Stopwatch.StartNew();
            await using (var load = await connection.BeginRawBinaryCopyAsync($"COPY b1_all_{table} FROM STDIN (FORMAT BINARY)"))
            {
                data.Position = 0;
                await data.CopyToAsync(load);
            }
            tables.Add(new Table(table, rows, clock.Elapsed, CpuTime.Postgres(pgData) - cpu));
        }
        return tables;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
