using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Shared;

/// <summary>One stored record. Deleted records stay as tombstones so change feeds can report them.</summary>
public sealed class StoredEntity(string id, JsonObject data, DateTimeOffset created, DateTimeOffset updated)
{
    public string Id { get; } = id;
    public JsonObject Data { get; set; } = data;
    public DateTimeOffset Created { get; set; } = created;
    public DateTimeOffset Updated { get; set; } = updated;
    public bool Deleted { get; internal set; }
}

/// <summary>
/// Records of one entity type in insertion order (which is id order for QBO's numeric ids), with an
/// index by id. Callers hold the owning company's lock.
/// </summary>
public sealed class EntityTable
{
    private readonly List<StoredEntity> _rows = [];
    private readonly Dictionary<string, StoredEntity> _byId = new(StringComparer.OrdinalIgnoreCase);

    private int _deleted;

    public long NextId { get; set; } = 1;
    public IReadOnlyList<StoredEntity> Rows => _rows;
    public int LiveCount => _rows.Count - _deleted;

    public StoredEntity? Find(string id) => _byId.GetValueOrDefault(id);

    public StoredEntity? FindLive(string id) => _byId.GetValueOrDefault(id) is { Deleted: false } e ? e : null;

    public void Add(StoredEntity entity)
    {
        _rows.Add(entity);
        _byId[entity.Id] = entity;
        if (entity.Deleted) _deleted++;
    }

    /// <summary>Turns a record into a tombstone; the count keeps paging O(page) while nothing is deleted.</summary>
    public void Delete(StoredEntity entity, DateTimeOffset at)
    {
        if (entity.Deleted) return;
        entity.Deleted = true;
        entity.Updated = at;
        _deleted++;
    }

    public IEnumerable<StoredEntity> Live() => LiveFrom(0);

    /// <summary>Live rows after skipping <paramref name="skip"/> live rows; jumps straight there when there are no tombstones.</summary>
    public IEnumerable<StoredEntity> LiveFrom(int skip)
    {
        if (_deleted == 0)
        {
            for (var i = skip; i < _rows.Count; i++) yield return _rows[i];
            yield break;
        }
        var seen = 0;
        foreach (var row in _rows)
        {
            if (row.Deleted || seen++ < skip) continue;
            yield return row;
        }
    }

    public void Clear()
    {
        _rows.Clear();
        _byId.Clear();
        _deleted = 0;
        NextId = 1;
    }
}
