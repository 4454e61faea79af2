using IntegrationHub.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>What a run that survived a fault must have left in the record store: nothing lost, nothing twice.</summary>
public static class RecordStoreAssertions
{
    /// <summary>Exactly one connection record, one link and one version per remote record.</summary>
    public static async Task EachRemoteStoredOnceAsync(TestConnection connection, string entity, int expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = connection.Db();
        var records = await db.Records.Where(r => r.ConnectionId == connection.Id && r.Entity == entity).Select(r => new { r.Id, r.ExternalId }).ToListAsync(ct);
        Assert.Equal(expected, records.Count);
        Assert.Equal(expected, records.Select(r => r.ExternalId).Distinct().Count());
        Assert.Equal(expected, await db.RecordLinks.CountAsync(l => l.ConnectionId == connection.Id && l.Entity == entity, ct));
        var ids = records.Select(r => r.Id).ToList();
        var versions = await db.RecordVersions.Where(v => ids.Contains(v.RecordId)).GroupBy(v => v.RecordId).Select(g => g.Count()).ToListAsync(ct);
        Assert.Equal(expected, versions.Count);
        Assert.All(versions, count => Assert.Equal(1, count));
    }

    /// <summary>
    /// A first full pull creates a host record next to each connection record, each with one version and one
    /// record.created event: a page committed twice or lost would show here.
    /// </summary>
    public static async Task OneVersionAndOneEventPerRecordAsync(TestConnection connection, string entity, int expectedPerSide)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = connection.Db();
        Assert.Equal(expectedPerSide, await db.Records.CountAsync(r => r.ConnectionId == null && r.Entity == entity, ct));
        Assert.Equal(2 * expectedPerSide, await db.RecordVersions.CountAsync(ct));
        var events = await db.OutboxEvents.Where(e => e.TenantId == connection.TenantId).GroupBy(e => e.Type).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Assert.Equal(2 * expectedPerSide, events.SingleOrDefault(e => e.Key == EventTypes.RecordCreated)?.Count ?? 0);
        Assert.DoesNotContain(events, e => e.Key is EventTypes.RecordUpdated or EventTypes.RecordDeleted);
    }
}
