using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// What a mapping runs against besides the record: the entity, the provider (key for table names, name for messages),
/// the tenant's lookup tables by name, the provider's field rules for the entity (required fields and types from
/// connector metadata) and, when known, the currencies the provider's organisation accepts.
/// </summary>
public sealed record MappingContext(
    string Entity,
    string ProviderKey,
    string ProviderName,
    IReadOnlyDictionary<string, LookupData>? Lookups = null,
    EntityMetadata? Metadata = null,
    IReadOnlySet<string>? Currencies = null)
{
    /// <summary>"{provider}" in a table name stands for the connection's provider key, so shipped defaults can name per-provider tables.</summary>
    public static string TableName(string table, string providerKey) => table.Replace("{provider}", providerKey, StringComparison.Ordinal);

    /// <summary>The lookup table holding currency mappings for this provider (host currency → provider currency).</summary>
    public string CurrencyTable => TableName("{provider}.currencies", ProviderKey);
}
