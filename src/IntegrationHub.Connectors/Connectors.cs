using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Connectors;

public static class Connectors
{
    /// <summary>The catalog of every connector in this assembly (one folder per vendor, each with its connector.json).</summary>
    public static ConnectorCatalog Catalog { get; } = ConnectorCatalog.FromAssembly(typeof(Connectors).Assembly);
}
