using System.Text.Json.Nodes;
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

    /// <summary>Loads and compiles an entity's active mapping (the runner sets it; none = every entity as the connector maps it).</summary>
    public Func<string, CancellationToken, Task<RunMapping>> LoadMapping { get; init; } = (_, _) => Task.FromResult(RunMapping.None);

    /// <summary>
    /// The entity's field mapping for this run, compiled on first use and reused for every record of the run — also for
    /// an entity pushed only as a dependency of another (a customer before its invoice).
    /// </summary>
    public async ValueTask<RunMapping> MappingAsync(string entity, CancellationToken ct)
    {
        if (_mappings.TryGetValue(entity, out var mapping)) return mapping;
        return _mappings[entity] = await LoadMapping(entity, ct);
    }

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
    /// <summary>The key under which an external-side record keeps the provider fields the mapping's <c>$raw.</c> rules address.</summary>
    public const string RawKey = "$raw";

    public static RunMapping None { get; } = new(null, null, null);

    public bool Active => Version is not null;

    /// <summary>
    /// The external-side record as stored: the connector's canonical record, plus the raw view under <see cref="RawKey"/>
    /// when the mapping addresses provider fields that are present. Its hash is what change detection and echo
    /// suppression compare, so a change to a mapped custom field alone is a change. Without raw rules: the canonical record as is.
    /// </summary>
    public JsonObject ExternalData(JsonObject canonical, JsonObject? raw)
    {
        if (Compiled is null || MappingEngine.RawView(Compiled, raw) is not { Count: > 0 } view) return canonical;
        var data = (JsonObject)canonical.DeepClone();
        data[RawKey] = view;
        return data;
    }

    /// <summary>"Field mapping: lines[0].accountCode: Host category 'Consulting' has no account mapping for QuickBooks Online" — each field and its reason.</summary>
    public static string Describe(IEnumerable<MappingError> errors) =>
        "Field mapping: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Reason}"));

    /// <summary>The same errors as structured fields, stored with the record failure.</summary>
    public static List<FieldError> Fields(IEnumerable<MappingError> errors) => errors.Select(e => new FieldError(e.Path, e.Reason)).ToList();
}
