using IntegrationHub.Simulators.Seeding;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Shared;

/// <summary>At start: restore the snapshot if there is one, else seed the demo data. At stop: save the snapshot.</summary>
public sealed class StartupState(SnapshotService snapshots, Seeder seeder, IOptions<SimulatorOptions> options, ILogger<StartupState> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.SnapshotPath;
        if (!string.IsNullOrWhiteSpace(path) && await snapshots.LoadAsync(path, cancellationToken))
        {
            logger.LogInformation("Simulator state restored from snapshot {Path}", path);
            return;
        }
        if (options.Value.SeedDemo)
        {
            seeder.SeedDemo();
            logger.LogInformation("Demo QBO company {RealmId} and Xero organisations seeded", Seeder.DemoRealmId);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.SnapshotPath;
        if (string.IsNullOrWhiteSpace(path)) return;
        await snapshots.SaveAsync(path, cancellationToken);
        logger.LogInformation("Simulator state saved to snapshot {Path}", path);
    }
}
