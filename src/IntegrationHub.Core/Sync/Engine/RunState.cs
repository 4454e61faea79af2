using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Connections;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>What every step of one run needs: the run row (tracked, saved with every page), its connection, connector and configs.</summary>
public sealed class RunState(SyncRun run, Connection connection, ISyncConnector connector, ConnectorContext context, IReadOnlyDictionary<string, SyncConfig> configs)
{
    public SyncRun Run { get; } = run;
    public Connection Connection { get; } = connection;
    public ISyncConnector Connector { get; } = connector;
    public ConnectorContext Context { get; } = context;
    public Guid TenantId => Run.TenantId;

    /// <summary>The entity's configuration; an entity without a row syncs with the defaults.</summary>
    public SyncConfig Config(string entity) => configs.TryGetValue(entity, out var config) ? config
        : new SyncConfig { TenantId = Run.TenantId, ConnectionId = Connection.Id, Entity = entity };

    public ConflictSettings ConflictSettings(string entity)
    {
        var config = Config(entity);
        return new ConflictSettings(config.ConflictPolicy, config.MergeFallback, config.FieldPolicies);
    }

    public EntityCounts Counts(string entity)
    {
        if (!Run.Counts.TryGetValue(entity, out var counts)) Run.Counts[entity] = counts = new EntityCounts();
        return counts;
    }
}
