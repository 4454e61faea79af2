using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Connectors;

public static class Connectors
{
    /// <summary>The catalog of every connector in this assembly (one folder per vendor, each with its connector.json).</summary>
    public static ConnectorCatalog Catalog { get; } = ConnectorCatalog.FromAssembly(typeof(Connectors).Assembly);

    /// <summary>The default mapping rules connectors ship in their folders (mapping.json, optional).</summary>
    public static ConnectorMappingDefaults MappingDefaults { get; } = ConnectorMappingDefaults.FromAssembly(typeof(Connectors).Assembly);
}
