using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// PostgreSQL session advisory locks held on a dedicated connection for the whole run: one per connection+entity
/// (at most one running sync of an entity) and one of N slots per tenant (per-tenant concurrency). A worker killed
/// with kill -9 loses its TCP connection and PostgreSQL releases its locks at once, so there is no lease to expire
/// and nothing to renew.
/// </summary>
public sealed class SyncRunLocks : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _watch = Task.CompletedTask;

    private SyncRunLocks(NpgsqlConnection connection) => _connection = connection;

    /// <summary>
    /// Cancelled when the session holding the locks ends under the run (PostgreSQL restarted or failed over, the
    /// connection cut): the locks are gone with it and another worker could take them, so the run must stop and be
    /// retried, taking them again. Watched once <see cref="Watch"/> is called.
    /// </summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Checks the session every <paramref name="interval"/> until disposed.</summary>
    public void Watch(TimeSpan interval) => _watch = WatchAsync(interval);

    private async Task WatchAsync(TimeSpan interval)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, _stop.Token);
                await using var command = new NpgsqlCommand("SELECT 1", _connection);
                await command.ExecuteScalarAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
        {
            await _lost.CancelAsync();
        }
    }

    /// <summary>Null with the reason when the run cannot start now; the caller postpones it.</summary>
    public static async Task<(SyncRunLocks? Locks, string? Busy)> TryAcquireAsync(
        string connectionString, Guid tenantId, Guid connectionId, IEnumerable<string> entities, int tenantSlots, CancellationToken ct)
    {
        // Unpooled: a pooled session would keep its locks while idle in the pool; closing this one ends the session.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Enlist = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Sorted, so two runs over overlapping entity sets cannot each hold a lock the other waits for (we never wait anyway).
            foreach (var entity in entities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (!await TryLockAsync(connection, "SELECT pg_try_advisory_lock(@k)", ("k", EntityKey(connectionId, entity))))
                {
                    await connection.DisposeAsync();
                    return (null, $"Another run of {entity} on this connection is in progress.");
                }
            }
            var tenant = TenantKey(tenantId);
            for (var slot = 0; slot < tenantSlots; slot++)
            {
                if (await TryLockAsync(connection, "SELECT pg_try_advisory_lock(@t, @s)", ("t", tenant), ("s", slot)))
                    return (new SyncRunLocks(connection), null);
            }
            await connection.DisposeAsync();
            return (null, $"The tenant already has {tenantSlots} sync run(s) in progress.");
        }
        catch
        {
            // Closing the session releases whatever was taken.
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync() is true;
    }

    public static long EntityKey(Guid connectionId, string entity) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"sync:{connectionId}:{entity}")), 0);

    /// <summary>The two-int form keeps tenant slots (tenant hash, slot number) apart from the one-bigint entity keys.</summary>
    public static int TenantKey(Guid tenantId) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"tenant:{tenantId}")), 0);

    public async ValueTask DisposeAsync()
    {
        // The watch stops before the connection goes (a connection serves one command at a time).
        await _stop.CancelAsync();
        await _watch;
        // Ending the unpooled session releases every lock it holds.
        await _connection.DisposeAsync();
        _stop.Dispose();
        _lost.Dispose();
    }
}
