using System.Reflection;
using System.Text.Json;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// The default rules connectors ship (an optional mapping.json in a connector's folder:
/// <c>{ "connector": "quickbooks", "entities": { "Invoice": [ rules… ] } }</c>) on top of the identity mapping.
/// A malformed file fails at startup, like connector.json.
/// </summary>
public sealed class ConnectorMappingDefaults(IReadOnlyDictionary<string, IReadOnlyDictionary<string, List<MappingRule>>> byConnector)
{
    private sealed record File(string Connector, Dictionary<string, List<MappingRule>> Entities);

    public static ConnectorMappingDefaults Empty { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, List<MappingRule>>>());

    /// <summary>The default mapping for a connector's entity: identity over the canonical fields, overlaid by the connector's rules.</summary>
    public IReadOnlyList<MappingRule> For(string connector, string entity) =>
        DefaultMappings.For(entity, byConnector.GetValueOrDefault(connector)?.GetValueOrDefault(entity));

    public static ConnectorMappingDefaults FromAssembly(Assembly assembly)
    {
        var files = new Dictionary<string, IReadOnlyDictionary<string, List<MappingRule>>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith("mapping.json", StringComparison.Ordinal)))
        {
            try
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                var file = JsonSerializer.Deserialize<File>(stream, MappingJson.Options) ?? throw new JsonException("empty document");
                if (string.IsNullOrWhiteSpace(file.Connector) || file.Entities is null) throw new JsonException("connector and entities are required");
                files[file.Connector] = file.Entities;
            }
            catch (JsonException ex)
            {
                throw new InvalidOperationException($"Default mapping {name} is invalid: {ex.Message}", ex);
            }
        }
        return new ConnectorMappingDefaults(files);
    }
}
