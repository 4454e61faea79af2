using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Core.Records;

/// <summary>
/// Writes a <see cref="BulkRecordRows"/> buffer with Npgsql binary COPY on the caller's connection (so inside its open
/// transaction): records first (versions reference them), then versions, links and one set-based update of the records
/// seen unchanged; the events in a second call, which the caller may hold back (a page committing behind takes its outbox
/// ids only once the page before it has committed, so events stay in commit order). Column lists follow the EF model
/// (snake_case; enums stored as their names).
/// </summary>
public static class BulkRecordCopy
{
    /// <summary>Everything but the events: records, versions, links and the seen marks.</summary>
    public static async Task WriteRowsAsync(NpgsqlConnection connection, BulkRecordRows rows, CancellationToken ct)
    {
        if (rows.Records.Count > 0) await RecordsAsync(connection, rows.Records, ct);
        if (rows.Versions.Count > 0) await VersionsAsync(connection, rows.Versions, ct);
        if (rows.Links.Count > 0) await LinksAsync(connection, rows.Links, ct);
        foreach (var (runId, ids) in rows.Seen)
        {
            await using var command = new NpgsqlCommand("UPDATE records SET last_seen_run_id = @run WHERE id = ANY(@ids)", connection);
            command.Parameters.AddWithValue("run", runId);
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The record.* events (their outbox ids are taken here, so a caller can order them by commit).</summary>
    public static async Task WriteEventsAsync(NpgsqlConnection connection, BulkRecordRows rows, CancellationToken ct)
    {
        if (rows.Events.Count > 0) await EventsAsync(connection, rows.Events, ct);
    }

    private static async Task RecordsAsync(NpgsqlConnection connection, List<NewRecordRow> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY records (id, tenant_id, side, connection_id, entity, external_id, data, hash, version, source_updated_at, raw, created_at, updated_at, deleted_at, last_seen_run_id) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (r, data, raw) in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(r.TenantId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(r.Side.ToString(), NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, r.ConnectionId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(r.Entity, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(r.ExternalId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(data, NpgsqlDbType.Jsonb, ct);
            await writer.WriteAsync(r.Hash, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(r.Version, NpgsqlDbType.Integer, ct);
            await WriteNullableAsync(writer, r.SourceUpdatedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(writer, raw, NpgsqlDbType.Json, ct);
            await writer.WriteAsync(r.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(r.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(writer, r.DeletedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(writer, r.LastSeenRunId, NpgsqlDbType.Uuid, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task VersionsAsync(NpgsqlConnection connection, List<VersionRow> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY record_versions (tenant_id, record_id, version, kind, origin, snapshot, diff, hash, sync_run_id, mapping_version, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var v in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(v.TenantId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(v.RecordId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(v.Version, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(v.Kind.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(v.Origin.ToString(), NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(v.Snapshot, NpgsqlDbType.Json, ct);
            await WriteNullableAsync(writer, v.Diff, NpgsqlDbType.Json, ct);
            await writer.WriteAsync(v.Hash, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, v.SyncRunId, NpgsqlDbType.Uuid, ct);
            await WriteNullableAsync(writer, v.MappingVersion, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(v.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task LinksAsync(NpgsqlConnection connection, List<RecordLink> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY record_links (id, tenant_id, connection_id, entity, host_id, remote_id, last_pushed_hash, last_pushed_at, last_pulled_hash, last_pulled_at, base, last_error, created_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var l in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(l.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(l.TenantId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(l.ConnectionId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(l.Entity, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(l.HostId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(l.RemoteId, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, l.LastPushedHash, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, l.LastPushedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(writer, l.LastPulledHash, NpgsqlDbType.Varchar, ct);
            await WriteNullableAsync(writer, l.LastPulledAt, NpgsqlDbType.TimestampTz, ct);
            await WriteNullableAsync(writer, l.Base?.RootElement.GetRawText(), NpgsqlDbType.Json, ct);
            await WriteNullableAsync(writer, l.LastError, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(l.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static async Task EventsAsync(NpgsqlConnection connection, List<EventRow> rows, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY outbox_events (event_id, tenant_id, type, payload, occurred_at) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var e in rows)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(e.EventId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.TenantId, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(e.Type, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(e.Payload, NpgsqlDbType.Json, ct);
            await writer.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
        }
        await writer.CompleteAsync(ct);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? writer.WriteAsync(value, type, ct) : writer.WriteNullAsync(ct);
}
