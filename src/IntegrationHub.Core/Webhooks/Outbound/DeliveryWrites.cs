using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Set-based writes for the delivery path: a batch's message state changes in one UPDATE … FROM unnest(…), its attempt
/// log in one INSERT … SELECT FROM unnest(…), and fan-out's new messages in one INSERT, instead of a statement per row.
/// </summary>
internal static class DeliveryWrites
{
    private const string UpdateMessagesSql = """
        UPDATE webhook_messages m SET status = x.status, attempts = x.attempts, next_attempt_at = x.next_attempt_at,
            last_attempt_at = x.last_attempt_at, delivered_at = x.delivered_at, last_status_code = x.last_status_code, last_error = x.last_error
        FROM unnest(@id, @status, @attempts, @next, @last, @delivered, @code, @error)
            AS x(id, status, attempts, next_attempt_at, last_attempt_at, delivered_at, last_status_code, last_error)
        WHERE m.id = x.id
        """;

    private const string InsertAttemptsSql = """
        INSERT INTO webhook_attempts (tenant_id, message_id, endpoint_id, attempted_at, status_code, duration_ms, response_body, error)
        SELECT * FROM unnest(@tenant, @message, @endpoint, @at, @code, @duration, @body, @error)
        """;

    private const string InsertMessagesSql = """
        INSERT INTO webhook_messages (message_id, tenant_id, endpoint_id, event_id, event_type, body, status, attempts, created_at, next_attempt_at)
        SELECT x.message_id, x.tenant_id, x.endpoint_id, x.event_id, x.event_type, x.body, 'Pending', 0, @now, @now
        FROM unnest(@message_id, @tenant, @endpoint, @event, @type, @body) AS x(message_id, tenant_id, endpoint_id, event_id, event_type, body)
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        """;

    public static Task<int> UpdateMessagesAsync(HubDbContext db, IReadOnlyList<WebhookMessage> messages, CancellationToken ct) =>
        messages.Count == 0 ? Task.FromResult(0) : db.Database.ExecuteSqlRawAsync(UpdateMessagesSql,
        [
            Array("id", NpgsqlDbType.Bigint, messages.Select(m => m.Id)),
            Array("status", NpgsqlDbType.Text, messages.Select(m => m.Status.ToString())),
            Array("attempts", NpgsqlDbType.Integer, messages.Select(m => m.Attempts)),
            Array("next", NpgsqlDbType.TimestampTz, messages.Select(m => m.NextAttemptAt)),
            Array("last", NpgsqlDbType.TimestampTz, messages.Select(m => m.LastAttemptAt)),
            Array("delivered", NpgsqlDbType.TimestampTz, messages.Select(m => m.DeliveredAt)),
            Array("code", NpgsqlDbType.Integer, messages.Select(m => m.LastStatusCode)),
            Array("error", NpgsqlDbType.Text, messages.Select(m => m.LastError)),
        ], ct);

    public static Task<int> InsertAttemptsAsync(HubDbContext db, IReadOnlyList<WebhookAttempt> attempts, CancellationToken ct) =>
        attempts.Count == 0 ? Task.FromResult(0) : db.Database.ExecuteSqlRawAsync(InsertAttemptsSql,
        [
            Array("tenant", NpgsqlDbType.Uuid, attempts.Select(a => a.TenantId)),
            Array("message", NpgsqlDbType.Bigint, attempts.Select(a => a.MessageId)),
            Array("endpoint", NpgsqlDbType.Uuid, attempts.Select(a => a.EndpointId)),
            Array("at", NpgsqlDbType.TimestampTz, attempts.Select(a => a.AttemptedAt)),
            Array("code", NpgsqlDbType.Integer, attempts.Select(a => a.StatusCode)),
            Array("duration", NpgsqlDbType.Integer, attempts.Select(a => a.DurationMs)),
            Array("body", NpgsqlDbType.Text, attempts.Select(a => a.ResponseBody)),
            Array("error", NpgsqlDbType.Text, attempts.Select(a => a.Error)),
        ], ct);

    public static Task<int> InsertMessagesAsync(HubDbContext db, IReadOnlyList<WebhookMessage> messages, DateTimeOffset now, CancellationToken ct) =>
        messages.Count == 0 ? Task.FromResult(0) : db.Database.ExecuteSqlRawAsync(InsertMessagesSql,
        [
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now },
            Array("message_id", NpgsqlDbType.Text, messages.Select(m => m.MessageId)),
            Array("tenant", NpgsqlDbType.Uuid, messages.Select(m => m.TenantId)),
            Array("endpoint", NpgsqlDbType.Uuid, messages.Select(m => m.EndpointId)),
            Array("event", NpgsqlDbType.Uuid, messages.Select(m => m.EventId)),
            Array("type", NpgsqlDbType.Text, messages.Select(m => m.EventType)),
            Array("body", NpgsqlDbType.Text, messages.Select(m => m.Body)),
        ], ct);

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };
}
