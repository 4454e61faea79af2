using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IntegrationHub.Core.Tests.Events;

/// <summary>The SyncWorker's event services as it registers them, over a test database and a given Redis.</summary>
public static class EventsHost
{
    public static ServiceProvider Build(TestDatabase database, IConnectionMultiplexer redis, Action<OutboxRelayOptions>? outbox = null, Action<HostEventOptions>? hostEvents = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(database.ConnectionString));
        services.AddSingleton(redis);
        services.AddScoped<ISyncScheduler, QueuedRunScheduler>();
        services.AddHubEventProcessing();
        services.Configure<OutboxRelayOptions>(o => outbox?.Invoke(o));
        services.Configure<HostEventOptions>(o => hostEvents?.Invoke(o));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

/// <summary>A private redis-server child process this test owns, so stopping it cannot disturb the run's shared Redis.</summary>
public sealed class PrivateRedis : IAsyncDisposable
{
    private System.Diagnostics.Process? _process;
    public int Port { get; } = FreePort();
    /// <summary>Short timeouts so an outage surfaces in about a second instead of the product's ten.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,asyncTimeout=1000,syncTimeout=1000,connectRetry=1";

    public async Task StartAsync()
    {
        var psi = new System.Diagnostics.ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" }) psi.ArgumentList.Add(a);
        _process = System.Diagnostics.Process.Start(psi)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=true,connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(50);
            }
        }
        throw new InvalidOperationException($"redis-server did not start on {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
