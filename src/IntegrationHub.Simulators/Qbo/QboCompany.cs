using System.Collections.Concurrent;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>One simulated QuickBooks company (realm). Every read and write holds <see cref="Gate"/>.</summary>
public sealed class QboCompany(string realmId, string name)
{
    public string RealmId { get; } = realmId;
    public string Name { get; set; } = name;
    public Lock Gate { get; } = new();
    public Dictionary<string, EntityTable> Tables { get; } = QboEntities.Names.ToDictionary(n => n, _ => new EntityTable(), StringComparer.OrdinalIgnoreCase);
    public IdempotencyCache RequestIds { get; } = new();

    public EntityTable Table(string entity) => Tables[entity];
}

/// <summary>All simulated QBO companies.</summary>
public sealed class QboStore
{
    private readonly ConcurrentDictionary<string, QboCompany> _companies = new();
    private long _nextRealm = 9130_3500_0000_0001;

    public QboCompany Create(string? realmId, string name)
    {
        realmId ??= Interlocked.Increment(ref _nextRealm).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _companies.GetOrAdd(realmId, id => new QboCompany(id, name));
    }

    public QboCompany? Find(string realmId) => _companies.GetValueOrDefault(realmId);

    public IReadOnlyList<QboCompany> All => [.. _companies.Values.OrderBy(c => c.RealmId, StringComparer.Ordinal)];

    public void Clear() => _companies.Clear();
}
