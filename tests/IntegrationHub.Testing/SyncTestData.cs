using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;

namespace IntegrationHub.Testing;

/// <summary>Rows the sync engine would have written, for tests of what reads or reacts to them.</summary>
public static class SyncTestData
{
    public static async Task<Guid> TenantAsync(TestDatabase database, string? name = null)
    {
        name ??= "Events " + Guid.NewGuid().ToString("N")[..8];
        await using var db = database.CreateContext();
        var tenant = new Tenant { Name = name, Slug = Slug.From(name) };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    /// <summary>A connection in the given status with one sync config per entity in the given direction.</summary>
    public static async Task<Guid> ConnectionAsync(TestDatabase database, Guid tenantId, ConnectionStatus status, SyncDirection direction, params string[] entities)
    {
        await using var db = database.CreateContext(tenantId);
        var connection = new Connection { Provider = "xero", Environment = "sandbox", DisplayName = "Books " + direction, Status = status };
        db.Connections.Add(connection);
        foreach (var entity in entities) db.SyncConfigs.Add(new SyncConfig { ConnectionId = connection.Id, Entity = entity, Direction = direction });
        await db.SaveChangesAsync();
        return connection.Id;
    }
}
