using System.Collections.Concurrent;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>One simulated Xero organisation (tenant). Every read and write holds <see cref="Gate"/>.</summary>
public sealed class XeroOrg(string tenantId, string name, string currency)
{
    public string TenantId { get; } = tenantId;
    public string Name { get; set; } = name;
    public string BaseCurrency { get; set; } = currency;
    public Lock Gate { get; } = new();
    public Dictionary<string, EntityTable> Tables { get; } = XeroCollections.All.ToDictionary(c => c.Name, _ => new EntityTable(), StringComparer.OrdinalIgnoreCase);
    public IdempotencyCache IdempotencyKeys { get; } = new();

    public EntityTable Table(XeroCollection collection) => Tables[collection.Name];
}

/// <summary>All simulated Xero organisations.</summary>
public sealed class XeroStore
{
    private readonly ConcurrentDictionary<string, XeroOrg> _orgs = new(StringComparer.OrdinalIgnoreCase);

    public XeroOrg Create(string? tenantId, string name, string currency = "NZD") =>
        _orgs.GetOrAdd(tenantId ?? Guid.NewGuid().ToString(), id => new XeroOrg(id, name, currency));

    public XeroOrg? Find(string tenantId) => _orgs.GetValueOrDefault(tenantId);

    public IReadOnlyList<XeroOrg> All => [.. _orgs.Values.OrderBy(o => o.Name, StringComparer.Ordinal)];

    public void Clear() => _orgs.Clear();
}
