using IntegrationHub.Connectors.QuickBooks;
using IntegrationHub.Connectors.Xero;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Connectors;

public static class ConnectorRegistration
{
    /// <summary>
    /// The connector catalog and every <see cref="ISyncConnector"/> in this assembly (stateless singletons; all
    /// per-connection state travels in <see cref="ConnectorContext"/>), plus <see cref="SyncConnectors"/> to find one by key.
    /// </summary>
    public static IServiceCollection AddHubConnectors(this IServiceCollection services)
    {
        services.TryAddSingleton(Connectors.Catalog);
        services.AddSingleton<ISyncConnector, QuickBooksConnector>();
        services.AddSingleton<ISyncConnector, XeroConnector>();
        services.TryAddSingleton<SyncConnectors>();
        return services;
    }
}

/// <summary>The registered connectors by catalog key (case-insensitive).</summary>
public sealed class SyncConnectors(IEnumerable<ISyncConnector> connectors, ConnectorCatalog catalog)
{
    private readonly Dictionary<string, ISyncConnector> _byKey = Validate(connectors, catalog);

    public ISyncConnector? Find(string key) => _byKey.GetValueOrDefault(key);

    public ISyncConnector Get(string key) =>
        Find(key) ?? throw new ConnectorException(ErrorClass.Permanent, $"No sync connector is registered for '{key}'.");

    public IReadOnlyCollection<string> Keys => _byKey.Keys;

    private static Dictionary<string, ISyncConnector> Validate(IEnumerable<ISyncConnector> connectors, ConnectorCatalog catalog)
    {
        var byKey = new Dictionary<string, ISyncConnector>(StringComparer.OrdinalIgnoreCase);
        foreach (var connector in connectors)
        {
            if (catalog.Find(connector.Key) is null) throw new InvalidOperationException($"Connector '{connector.Key}' has no connector.json in the catalog.");
            if (!byKey.TryAdd(connector.Key, connector)) throw new InvalidOperationException($"Connector '{connector.Key}' is registered twice.");
        }
        return byKey;
    }
}
