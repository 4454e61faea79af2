using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Core.Webhooks.Inbound;

public sealed record InboxRow(string Source, string DedupeKey, Guid TenantId, Guid? ConnectionId, string Type, string PayloadJson);

/// <summary>
/// Group commit for the inbox: concurrent requests hand their rows to a few writer loops, each of which inserts
/// everything waiting in one statement (ON CONFLICT DO NOTHING, so a duplicate delivery is a no-op) and then
/// completes every waiting request. A request is acknowledged only after its rows are committed; one round trip
/// serves hundreds of requests, which is what lets the receiver ack thousands of webhooks a second.
/// </summary>
public sealed class InboxWriter(NpgsqlDataSource dataSource) : BackgroundService
{
    private const int MaxBatch = 1000;
    private const int Writers = 3;
    private readonly Channel<(IReadOnlyList<InboxRow> Rows, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<InboxRow>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = false });

    private const string Sql = """
        INSERT INTO inbox_events (source, dedupe_key, tenant_id, connection_id, type, payload, status, attempts, received_at)
        SELECT s, k, t, c, ty, p::jsonb, 'Received', 0, now()
        FROM unnest(@s, @k, @t, @c, @ty, @p) AS x(s, k, t, c, ty, p)
        ON CONFLICT (source, dedupe_key) DO NOTHING
        """;

    public Task WriteAsync(IReadOnlyList<InboxRow> rows, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((rows, done))) throw new InvalidOperationException("The inbox writer has stopped.");
        return done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteLoopAsync(stoppingToken), stoppingToken)));

    private async Task WriteLoopAsync(CancellationToken ct)
    {
        var batch = new List<(IReadOnlyList<InboxRow> Rows, TaskCompletionSource Done)>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(ct))
            {
                batch.Clear();
                var count = 0;
                while (count < MaxBatch && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                    count += item.Rows.Count;
                }
                if (batch.Count == 0) continue;
                try
                {
                    await InsertAsync(batch.SelectMany(b => b.Rows).ToList(), ct);
                    foreach (var item in batch) item.Done.TrySetResult();
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    foreach (var item in batch) item.Done.TrySetException(e);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        while (_queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(ct);
    }

    private async Task InsertAsync(List<InboxRow> rows, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Source).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.DedupeKey).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("t", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.TenantId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.ConnectionId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ty", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.Type).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = rows.Select(r => r.PayloadJson).ToArray() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
