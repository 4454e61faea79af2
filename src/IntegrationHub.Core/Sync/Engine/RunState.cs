using IntegrationHub.Core.Conflicts;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Mapping;

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

    private readonly Dictionary<string, RunMapping> _mappings = new(StringComparer.Ordinal);

    /// <summary>The entity's field mapping for this run (set once per entity by the runner; none = the connector's canonical mapping as is).</summary>
    public RunMapping Mapping(string entity) => _mappings.TryGetValue(entity, out var mapping) ? mapping : RunMapping.None;

    public void SetMapping(string entity, RunMapping mapping) => _mappings[entity] = mapping;

    public EntityCounts Counts(string entity)
    {
        if (!Run.Counts.TryGetValue(entity, out var counts)) Run.Counts[entity] = counts = new EntityCounts();
        return counts;
    }
}

/// <summary>
/// A tenant's active field mapping compiled for a run: <see cref="Compiled"/> null with <see cref="Version"/> set means
/// the saved rules no longer compile (<see cref="Error"/> says why) and every record of the entity fails with it.
/// Without a tenant mapping (<see cref="None"/>) records pass as the connectors map them.
/// </summary>
public sealed record RunMapping(CompiledMapping? Compiled, int? Version, string? Error)
{
    public static RunMapping None { get; } = new(null, null, null);

    public bool Active => Version is not null;

    public static string Describe(IEnumerable<MappingError> errors) =>
        "Field mapping: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Reason}"));
}
