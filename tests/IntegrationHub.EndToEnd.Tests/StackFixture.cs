using IntegrationHub.Testing;

namespace IntegrationHub.EndToEnd.Tests;

/// <summary>
/// The whole stack as a developer runs it: the real AppHost on free ports, with a fresh database on the shared test
/// PostgreSQL and the shared test Redis, and its own state directory. Shared by every test in the "stack" collection;
/// on dispose it is stopped with SIGTERM and must exit cleanly, leaving no process behind.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private const string Password = "demo-password-1";
    // The AppHost gives its services HealthTimeoutSeconds to become healthy; the fixture waits a little longer for its verdict.
    private const int HealthTimeoutSeconds = 300;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(HealthTimeoutSeconds + 60);

    private readonly TestDatabase _database = new();
    private AppHostProcess? _host;

    public int PortOffset { get; } = FreePorts.FindOffset([5000, 5100, 5200, 5300, 5400]);
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("hub-e2e-").FullName;

    public Uri WebUrl => Url(5000);
    public Uri ApiUrl => Url(5100);
    public Uri SyncWorkerUrl => Url(5200);
    public Uri SimulatorsUrl => Url(5300);
    public Uri WebhookReceiverUrl => Url(5400);

    /// <summary>Every service by its Aspire resource name.</summary>
    public IReadOnlyDictionary<string, Uri> Services => new Dictionary<string, Uri>
    {
        ["web"] = WebUrl, ["api"] = ApiUrl, ["syncworker"] = SyncWorkerUrl, ["simulators"] = SimulatorsUrl, ["webhookreceiver"] = WebhookReceiverUrl,
    };

    /// <summary>The demo tenant the migrator seeds (see IntegrationHub.Migrator --seed-demo).</summary>
    public string DemoOwnerEmail => "owner@demo.local";
    public string DemoOperatorEmail => "operator@demo.local";
    public string DemoPassword => Password;

    /// <summary>The stack's database, for arranging data and checking what the services wrote.</summary>
    public TestDatabase Database => _database;
    public string DatabaseConnectionString => _database.ConnectionString;
    public string RedisConnectionString => _database.RedisConnectionString;
    public AppHostProcess Host => _host ?? throw new InvalidOperationException("The stack has not been started.");

    /// <summary>The environment the AppHost was started with: a second AppHost started with it shares the state directory.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["ConnectionStrings__hubdb"] = _database.ConnectionString,
        ["ConnectionStrings__redis"] = _database.RedisConnectionString,
        ["HUB_STATE_DIR"] = StateDirectory,
        ["HUB_PORT_OFFSET"] = PortOffset.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HUB_HEALTH_TIMEOUT"] = HealthTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Demo__Password"] = Password,
        ["NO_COLOR"] = "1",
        // Webhook tests deliver to a receiver on loopback, which the SSRF guard refuses unless allow-listed.
        ["Webhooks__AllowedNetworks__0"] = "127.0.0.0/8",
    };

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _host = AppHostProcess.Start(Environment);
        try
        {
            await _host.WaitForLineAsync(l => l.Contains("IntegrationHub is ready.", StringComparison.Ordinal), StartTimeout);
        }
        catch
        {
            // A fixture whose start failed is not disposed by the runner: leave nothing running behind it.
            // xUnit still calls DisposeAsync afterwards: clearing the host keeps it from masking this failure.
            await StopAsync();
            _host.Dispose();
            _host = null;
            throw;
        }
    }

    /// <summary>Stops the AppHost with SIGTERM and reports how it went; idempotent.</summary>
    public async Task<StopResult> StopAsync()
    {
        var host = Host;
        if (!host.HasExited) host.Terminate();
        var exited = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var pids = host.ChildPids;
        var survivors = await ProcessTable.WaitUntilGoneAsync(pids, TimeSpan.FromSeconds(10));
        return new StopResult(exited ? host.ExitCode : null, pids, survivors, host.Tail(60));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_host is null) return;
            var result = await StopAsync();
            _host.Dispose();
            if (!result.IsClean) throw new InvalidOperationException($"The stack did not stop cleanly: {result}");
        }
        finally
        {
            await _database.DisposeAsync();
            Directory.Delete(StateDirectory, recursive: true);
        }
    }

    private Uri Url(int defaultPort) => new($"http://127.0.0.1:{defaultPort + PortOffset}/");
}

public sealed record StopResult(int? ExitCode, IReadOnlyList<int> ChildPids, IReadOnlyList<int> Survivors, string Tail)
{
    public bool IsClean => ExitCode == 0 && Survivors.Count == 0;

    public override string ToString() =>
        $"exit code {ExitCode?.ToString() ?? "none (still running)"}, children [{string.Join(", ", ChildPids)}], " +
        $"still running [{string.Join(", ", Survivors)}]. Last output:\n{Tail}";
}

[CollectionDefinition("stack")]
public sealed class StackCollection : ICollectionFixture<StackFixture>;
