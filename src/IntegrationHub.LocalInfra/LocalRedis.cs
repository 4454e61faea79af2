using System.Diagnostics;
using StackExchange.Redis;

namespace IntegrationHub.LocalInfra;

/// <summary>A private Redis on loopback with append-only persistence in its own directory.</summary>
public sealed class LocalRedis(string directory, int port)
{
    public string Directory { get; } = Path.GetFullPath(directory);
    public int Port { get; } = port;
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Starts redis-server as a child process (the AppHost owns it) unless one already answers on the port.</summary>
    public async Task<Process?> StartChildAsync(CancellationToken ct = default)
    {
        if (await IsReadyAsync()) return null;
        var process = Process.Start(StartInfo(daemonize: false)) ?? throw new InvalidOperationException("Could not start redis-server");
        await WaitReadyAsync(ct);
        return process;
    }

    /// <summary>Starts a daemonised redis-server that outlives the caller (shared by several test processes).</summary>
    public async Task StartDaemonAsync(CancellationToken ct = default)
    {
        if (await IsReadyAsync()) return;
        using var process = Process.Start(StartInfo(daemonize: true)) ?? throw new InvalidOperationException("Could not start redis-server");
        await process.WaitForExitAsync(ct);
        await WaitReadyAsync(ct);
    }

    public async Task StopAsync()
    {
        if (!await IsReadyAsync()) return;
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
            redis.GetServers()[0].Shutdown(ShutdownMode.Never);
        }
        catch (RedisConnectionException)
        {
            // Shutdown closes the connection under us; that is the success case.
        }
    }

    public async Task<bool> IsReadyAsync()
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=1000");
            await redis.GetDatabase().PingAsync();
            return true;
        }
        catch (RedisConnectionException)
        {
            return false;
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("LOADING", StringComparison.Ordinal))
        {
            // A restarted server answers LOADING until it has read its append-only file back.
            return false;
        }
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await IsReadyAsync()) return;
            await Task.Delay(100, ct);
        }
        throw new InvalidOperationException($"Redis did not answer on port {Port}; see {Directory}/redis.log");
    }

    private ProcessStartInfo StartInfo(bool daemonize)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var server = ProcessRunner.FindOnPath("redis-server")
            ?? throw new InvalidOperationException("redis-server not found; install it with: apt-get install -y redis-server");
        var psi = new ProcessStartInfo(server) { UseShellExecute = false, RedirectStandardOutput = !daemonize, RedirectStandardError = !daemonize };
        foreach (var arg in new[]
        {
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", Directory, "--appendonly", "yes", "--save", "",
            "--daemonize", daemonize ? "yes" : "no", "--pidfile", Path.Combine(Directory, "redis.pid"),
            "--logfile", daemonize ? Path.Combine(Directory, "redis.log") : "", "--protected-mode", "yes",
        })
        {
            psi.ArgumentList.Add(arg);
        }
        return psi;
    }
}
