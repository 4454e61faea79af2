using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Shared;

/// <summary>One stored record. Deleted records stay as tombstones so change feeds can report them.</summary>
public sealed class StoredEntity(string id, JsonObject data, DateTimeOffset created, DateTimeOffset updated)
{
    public string Id { get; } = id;
    public JsonObject Data { get; set; } = data;
    public DateTimeOffset Created { get; set; } = created;
    public DateTimeOffset Updated { get; set; } = updated;
    public bool Deleted { get; set; }
}

/// <summary>
/// Records of one entity type in insertion order (which is id order for QBO's numeric ids), with an
/// index by id. Callers hold the owning company's lock.
/// </summary>
public sealed class EntityTable
{
    private readonly List<StoredEntity> _rows = [];
    private readonly Dictionary<string, StoredEntity> _byId = new(StringComparer.OrdinalIgnoreCase);

    public long NextId { get; set; } = 1;
    public IReadOnlyList<StoredEntity> Rows => _rows;
    public int LiveCount => _rows.Count(r => !r.Deleted);

    public StoredEntity? Find(string id) => _byId.GetValueOrDefault(id);

    public StoredEntity? FindLive(string id) => _byId.GetValueOrDefault(id) is { Deleted: false } e ? e : null;

    public void Add(StoredEntity entity)
    {
        _rows.Add(entity);
        _byId[entity.Id] = entity;
    }

    public IEnumerable<StoredEntity> Live() => _rows.Where(r => !r.Deleted);

    public void Clear()
    {
        _rows.Clear();
        _byId.Clear();
        NextId = 1;
    }
}
