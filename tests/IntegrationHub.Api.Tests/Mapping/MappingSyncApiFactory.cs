extern alias worker;
using IntegrationHub.Api.Tests.Jobs;
using IntegrationHub.Testing;

namespace IntegrationHub.Api.Tests.Mapping;

/// <summary>
/// The Api (with its Hangfire scheduler), a running simulator, and a real SyncWorker in-process (Hangfire server,
/// dispatcher, the sync engine with the product's QBO/Xero connectors), all on one fresh database: runs the Api
/// requests are executed against the simulator as under ./hub up.
/// </summary>
public sealed class MappingSyncApiFactory : ApiFactory
{
    public SimulatorHost Simulator { get; } = new SimulatorHost().Start();
    public ServiceHost<worker::Program> Worker { get; private set; } = null!;

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
        [("services:simulators:http:0", Simulator.Url), ("services:web:http:0", "http://portal.test")];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Worker = WorkerHost.WithEngine(Database, Simulator.Url);
    }

    public override async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
