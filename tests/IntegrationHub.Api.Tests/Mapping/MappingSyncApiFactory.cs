extern alias worker;
using IntegrationHub.Api.Tests.Jobs;
using IntegrationHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationHub.Api.Tests.Mapping;

/// <summary>
/// The Api (with its Hangfire scheduler), a running simulator, and a real SyncWorker in-process (Hangfire server,
/// dispatcher, the sync engine with the product's QBO/Xero connectors), all on one fresh database: runs the Api
/// requests are executed against the simulator as under ./hub up.
/// </summary>
public sealed class MappingSyncApiFactory : ApiFactory
{
    public SimulatorHost Simulator { get; } = new SimulatorHost().Start();
    public EngineWorkerHost Worker { get; private set; } = null!;

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
        [("services:simulators:http:0", Simulator.Url), ("services:web:http:0", "http://portal.test")];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Worker = new EngineWorkerHost(Database, Simulator.Url).Start();
    }

    public override async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>The SyncWorker as it ships (its own registration, the real sync engine), with short job polling delays.</summary>
public sealed class EngineWorkerHost(TestDatabase database, string simulatorUrl) : WebApplicationFactory<worker::Program>
{
    public EngineWorkerHost Start()
    {
        _ = Services;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:hubdb", database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", database.RedisConnectionString);
        builder.UseSetting("Secrets:KeyFile", Path.Combine(TestServers.Directory, "master.key"));
        builder.UseSetting("services:simulators:http:0", simulatorUrl);
        foreach (var (key, value) in WorkerHost.FastJobs) builder.UseSetting(key, value);
    }
}
