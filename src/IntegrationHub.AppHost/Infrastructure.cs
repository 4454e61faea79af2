using System.Diagnostics;
using IntegrationHub.LocalInfra;
using Npgsql;

namespace IntegrationHub.AppHost;

/// <summary>
/// PostgreSQL and Redis for the stack: the private servers under the state directory, unless connection strings
/// were given in the environment (the e2e tests pass their shared servers), in which case those are used and left alone.
/// </summary>
public sealed class Infrastructure(AppHostOptions options, ConsolePrefixer console)
{
    private LocalPostgres? _postgres;
    private LocalRedis? _redis;
    private Process? _redisProcess;

    public string HubDb { get; private set; } = "";
    public string Redis { get; private set; } = "";

    public async Task StartAsync(CancellationToken ct)
    {
        if (options.HubDbConnectionString is { } hubDb)
        {
            HubDb = hubDb;
            console.Info("PostgreSQL: using ConnectionStrings__hubdb from the environment");
        }
        else
        {
            _postgres = new LocalPostgres(Path.Combine(options.StateDirectory, "postgres"), options.Port(ServiceCatalog.PostgresPort));
            console.Info($"PostgreSQL: starting on 127.0.0.1:{_postgres.Port} (data in {_postgres.Directory})");
            await _postgres.StartAsync(ct);
            // The readiness probe's pooled connection would otherwise hold a PostgreSQL backend for the whole session.
            NpgsqlConnection.ClearAllPools();
            HubDb = _postgres.ConnectionString("hubdb");
        }

        if (options.RedisConnectionString is { } redis)
        {
            Redis = redis;
            console.Info("Redis: using ConnectionStrings__redis from the environment");
        }
        else
        {
            _redis = new LocalRedis(Path.Combine(options.StateDirectory, "redis"), options.Port(ServiceCatalog.RedisPort));
            console.Info($"Redis: starting on 127.0.0.1:{_redis.Port} (append-only, data in {_redis.Directory})");
            _redisProcess = await _redis.StartChildAsync(ct);
            if (_redisProcess is null) console.Info("Redis: already running on that port; reusing it");
            else ForwardOutput(_redisProcess);
            Redis = _redis.ConnectionString;
        }
    }

    /// <summary>Redis first (it is our child), then PostgreSQL with a fast shutdown; both keep their data for the next start.</summary>
    public async Task StopAsync()
    {
        if (_redis is not null)
        {
            console.Info("Redis: stopping");
            await _redis.StopAsync();
            if (_redisProcess is not null && !await ExitedWithinAsync(_redisProcess, TimeSpan.FromSeconds(10)))
            {
                _redisProcess.Kill(entireProcessTree: true);
            }
        }
        if (_postgres is not null)
        {
            console.Info("PostgreSQL: stopping (fast shutdown)");
            await _postgres.StopAsync();
        }
    }

    private void ForwardOutput(Process process)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) console.Line("redis", line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) console.Line("redis", line, isError: true); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        console.Info($"redis started (pid {process.Id})");
    }

    private static async Task<bool> ExitedWithinAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
