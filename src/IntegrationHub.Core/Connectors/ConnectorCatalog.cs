using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationHub.Core.Connectors;

/// <summary>
/// Every connector the product has, read from the connector.json files embedded in the connectors assembly.
/// A malformed file fails at startup (the catalog is built eagerly), not when a tenant first connects.
/// </summary>
public sealed class ConnectorCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Missing or null required members become a JsonException naming them, instead of a later NullReferenceException.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly Dictionary<string, ConnectorMetadata> _connectors;

    public ConnectorCatalog(IEnumerable<ConnectorMetadata> connectors) =>
        _connectors = connectors.ToDictionary(c => c.Key, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ConnectorMetadata> All => _connectors.Values;

    public ConnectorMetadata? Find(string key) => _connectors.GetValueOrDefault(key);

    public static ConnectorCatalog FromAssembly(Assembly assembly) =>
        new(assembly.GetManifestResourceNames().Where(n => n.EndsWith("connector.json", StringComparison.Ordinal))
            .Select(name => Parse(name, assembly.GetManifestResourceStream(name)!)));

    public static ConnectorMetadata Parse(string source, Stream json)
    {
        try
        {
            var metadata = JsonSerializer.Deserialize<ConnectorMetadata>(json, Json) ?? throw new JsonException("empty document");
            Validate(metadata);
            return metadata;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Connector metadata {source} is invalid: {ex.Message}", ex);
        }
    }

    private static void Validate(ConnectorMetadata m)
    {
        if (string.IsNullOrWhiteSpace(m.Key) || string.IsNullOrWhiteSpace(m.Name)) throw new JsonException("key and name are required");
        if (m.Environments is null || m.Environments.Count == 0) throw new JsonException($"{m.Key}: at least one environment is required");
        if (m.Auth.Kind == AuthKind.OAuth2AuthorizationCode && m.Environments.Values.Any(e => e.AuthorizeUrl is null || e.TokenUrl is null))
            throw new JsonException($"{m.Key}: OAuth2 authorization code needs authorizeUrl and tokenUrl in every environment");
        if (m.Entities is null || m.Entities.Count == 0) throw new JsonException($"{m.Key}: at least one entity is required");
    }
}
