using System.Net;
using System.Net.Sockets;
using IntegrationHub.LocalInfra;
using IntegrationHub.Testing;
using Npgsql;

namespace IntegrationHub.Sync.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own (fresh data directory, free port), so restarting it cannot disturb the
/// shared test server every other class uses. Stopped and deleted on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    public LocalPostgres Server { get; } = new(Path.Combine(TestServers.Directory, "private", "pg-" + Guid.NewGuid().ToString("N")[..8]), FreePort.Next());

    public Task StartAsync() => Server.StartAsync();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await Server.StopAsync();
        if (Directory.Exists(Server.Directory)) Directory.Delete(Server.Directory, recursive: true);
    }
}

/// <summary>
/// A redis-server of the test's own with append-only persistence: stopping it (SHUTDOWN flushes the AOF) and starting
/// it again on the same port and directory is an outage that keeps what was acknowledged, as a real Redis restart
/// does. Killed and deleted on dispose.
/// </summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private System.Diagnostics.Process? _process;
    public LocalRedis Server { get; } = new(Path.Combine(TestServers.Directory, "private", "redis-" + Guid.NewGuid().ToString("N")[..8]), FreePort.Next());
    public string ConnectionString => Server.ConnectionString;

    public async Task StartAsync()
    {
        _process = await Server.StartChildAsync() ?? throw new InvalidOperationException($"Port {Server.Port} already had a Redis.");
        // Drained so a chatty server never blocks on a full pipe.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task StopAsync()
    {
        await Server.StopAsync();
        if (_process is { } process) await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (Directory.Exists(Server.Directory)) Directory.Delete(Server.Directory, recursive: true);
    }
}

public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
