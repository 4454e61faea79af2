using System.Text.Json.Nodes;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Sync.Engine;

/// <summary>Loads, in one query per referenced entity, the link-table translations a batch of records needs.</summary>
public sealed class ReferenceLookup(HubDbContext db)
{
    /// <summary>Remote id → host id for every reference in the (external-side) records.</summary>
    public async Task<Func<string, string, string?>> ToHostAsync(Guid connectionId, string entity, IEnumerable<JsonObject> records, CancellationToken ct)
    {
        var map = new Dictionary<(string, string), string>();
        foreach (var group in records.SelectMany(r => ReferenceMap.Collect(entity, r)).Distinct().GroupBy(r => r.Entity))
        {
            var ids = group.Select(g => g.Id).ToArray();
            var links = await db.RecordLinks.AsNoTracking()
                .Where(l => l.ConnectionId == connectionId && l.Entity == group.Key && ids.Contains(l.RemoteId))
                .Select(l => new { l.RemoteId, l.HostId }).ToListAsync(ct);
            foreach (var link in links) map[(group.Key, link.RemoteId)] = link.HostId;
        }
        return (e, id) => map.GetValueOrDefault((e, id));
    }

    /// <summary>The remote id a host record is linked to on the connection, or null.</summary>
    public Task<string?> RemoteIdAsync(Guid connectionId, string entity, string hostId, CancellationToken ct) =>
        db.RecordLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.Entity == entity && l.HostId == hostId)
            .Select(l => l.RemoteId).SingleOrDefaultAsync(ct);
}
