using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Mapping;

/// <summary>A connection's mapping for one entity: shipped defaults, the tenant's active rules, and the effective result.</summary>
public sealed record EntityMapping(
    Connection Connection,
    ConnectorMetadata Connector,
    string Entity,
    IReadOnlyList<MappingRule> Defaults,
    IReadOnlyList<MappingRule> TenantRules,
    int? ActiveVersion,
    MappingContext Context)
{
    public IReadOnlyList<MappingRule> Effective => DefaultMappings.Merge(Defaults, TenantRules);

    public IReadOnlyList<MappingRule> EffectiveWith(IReadOnlyList<MappingRule> tenantRules) => DefaultMappings.Merge(Defaults, tenantRules);
}

/// <summary>Host records whose mapped output differs between two mappings, and were pushed before (so must be re-sent).</summary>
public sealed record AffectedRecords(int Checked, IReadOnlyList<string> HostIds, IReadOnlyList<Guid> LinkIds);

/// <summary>
/// Loads mappings and their context from the database (tenant-filtered) and works out which records a mapping change
/// affects. The sync engine uses <see cref="CompileActiveAsync"/> per run: it returns the compiled effective mapping
/// and the version to record on every record version it writes.
/// </summary>
public sealed class MappingService(HubDbContext db, ConnectorCatalog catalog, ConnectorMappingDefaults defaults)
{
    public const int AffectedBatchSize = 500;

    public ConnectorMetadata? Connector(Connection connection) => catalog.Find(connection.Provider);

    public async Task<EntityMapping> LoadAsync(Connection connection, ConnectorMetadata connector, string entity, CancellationToken ct)
    {
        var active = await db.FieldMappings.AsNoTracking()
            .Where(m => m.ConnectionId == connection.Id && m.Entity == entity && m.IsActive).FirstOrDefaultAsync(ct);
        var context = await ContextAsync(connection, connector, entity, ct);
        return new EntityMapping(connection, connector, entity, defaults.For(connector.Key, entity),
            active is null ? [] : MappingJson.FromDocument(active.Rules), active?.Version, context);
    }

    /// <summary>The tenant's lookup tables, the provider's field rules, and the currencies its chart of accounts uses.</summary>
    public async Task<MappingContext> ContextAsync(Connection connection, ConnectorMetadata connector, string entity, CancellationToken ct)
    {
        var tables = await db.LookupTables.AsNoTracking().ToListAsync(ct);
        var accountData = await db.Records.AsNoTracking()
            .Where(r => r.ConnectionId == connection.Id && r.Entity == CanonicalEntities.Account && r.DeletedAt == null)
            .OrderBy(r => r.ExternalId).Select(r => r.Data).Take(2_000).ToListAsync(ct);
        var currencies = accountData.Select(d => d.RootElement.TryGetProperty("currency", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null)
            .OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new MappingContext(entity, connector.Key, connector.Name,
            tables.ToDictionary(t => t.Name, t => t.ToData(), StringComparer.Ordinal),
            connector.Entities.FirstOrDefault(e => e.Canonical == entity),
            currencies.Count > 0 ? currencies : null);
    }

    /// <summary>For the sync engine: the compiled effective mapping of a connection's entity and its version (null = defaults only).</summary>
    public async Task<(CompiledMapping? Mapping, int? Version, IReadOnlyList<RuleError> Errors)> CompileActiveAsync(Connection connection, string entity, CancellationToken ct)
    {
        var connector = Connector(connection) ?? throw new InvalidOperationException($"Unknown provider '{connection.Provider}'.");
        var mapping = await LoadAsync(connection, connector, entity, ct);
        var (compiled, errors) = MappingCompiler.Compile(mapping.Effective, mapping.Context);
        return (compiled, mapping.ActiveVersion, errors);
    }

    /// <summary>
    /// Applies both mappings outbound to every linked, live host record of the entity and compares the output hashes
    /// (canonical record, raw patch and errors): the records whose pushed form would change. A previous mapping that no
    /// longer compiles (a lookup table it used is gone) counts every linked record as affected.
    /// </summary>
    public async Task<AffectedRecords> FindAffectedAsync(Guid connectionId, string entity, CompiledMapping? before, CompiledMapping after, CancellationToken ct)
    {
        var hostIds = new List<string>();
        var linkIds = new List<Guid>();
        var checkedCount = 0;
        while (true)
        {
            var batch = await (from link in db.RecordLinks.AsNoTracking()
                               join record in db.Records.AsNoTracking() on link.HostId equals record.ExternalId
                               where link.ConnectionId == connectionId && link.Entity == entity
                                     && record.Side == RecordSide.Host && record.ConnectionId == null && record.Entity == entity && record.DeletedAt == null
                               orderby link.Id
                               select new { link.Id, link.HostId, record.Data }).Skip(checkedCount).Take(AffectedBatchSize).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var row in batch)
            {
                var host = JsonNode.Parse(row.Data.RootElement.GetRawText())!.AsObject();
                if (before is null || OutputHash(before, host) != OutputHash(after, host))
                {
                    hostIds.Add(row.HostId);
                    linkIds.Add(row.Id);
                }
            }
            checkedCount += batch.Count;
        }
        return new AffectedRecords(checkedCount, hostIds, linkIds);
    }

    public static string OutputHash(CompiledMapping mapping, JsonObject host)
    {
        var result = MappingEngine.Outbound(mapping, host);
        return CanonicalJson.Hash(new JsonObject
        {
            ["canonical"] = result.Canonical,
            ["raw"] = result.RawPatch,
            ["errors"] = new JsonArray(result.Errors.Select(e => (JsonNode?)JsonValue.Create(e.Path + ": " + e.Reason)).ToArray()),
        });
    }
}
