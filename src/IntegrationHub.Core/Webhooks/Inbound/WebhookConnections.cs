using System.Collections.Concurrent;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Webhooks.Inbound;

public sealed record WebhookTarget(Guid TenantId, Guid ConnectionId);

/// <summary>
/// Which connections an external tenant id (QBO realmId, Xero tenantId) belongs to, across tenants (several tenants may
/// connect the same company). Cached briefly, because a burst of webhooks for one company must not cost a query each.
/// </summary>
public sealed class WebhookConnections(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<(string, string), (IReadOnlyList<WebhookTarget> Targets, DateTimeOffset Until)> _cache = new();

    public async Task<IReadOnlyList<WebhookTarget>> ResolveAsync(string provider, string externalTenantId, CancellationToken ct)
    {
        var key = (provider, externalTenantId);
        if (_cache.TryGetValue(key, out var hit) && hit.Until > clock.GetUtcNow()) return hit.Targets;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var targets = await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Provider == provider && c.ExternalTenantId == externalTenantId && c.DisconnectedAt == null && c.Status != ConnectionStatus.Disabled)
            .Select(c => new WebhookTarget(c.TenantId, c.Id))
            .ToListAsync(ct);
        _cache[key] = (targets, clock.GetUtcNow() + CacheFor);
        return targets;
    }

    public async Task<WebhookTarget?> FindAsync(string provider, Guid connectionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Connections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == connectionId && c.Provider == provider && c.DisconnectedAt == null && c.Status != ConnectionStatus.Disabled)
            .Select(c => new WebhookTarget(c.TenantId, c.Id))
            .FirstOrDefaultAsync(ct);
    }

    public void Forget() => _cache.Clear();
}
