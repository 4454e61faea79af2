using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// Refresh tokens expire when unused (QBO after 100 days, Xero after 60), and a connection nobody syncs would lapse
/// silently. This renews every active connection whose refresh token enters its last quarter of life (at most
/// 14 days before expiry), one connection at a time, each in its own tenant scope; one refused refresh marks that
/// connection needs_reauth and does not stop the others.
/// </summary>
public sealed class IdleTokenRenewal(IServiceScopeFactory scopes, ConnectorCatalog catalog, TimeProvider clock, ILogger<IdleTokenRenewal> logger)
{
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(14);

    public static TimeSpan WindowFor(ConnectorMetadata connector) =>
        connector.Auth.RefreshTokenLifetime is { } lifetime && lifetime / 4 < MaxWindow ? lifetime / 4 : MaxWindow;

    public async Task<(int Renewed, int Failed)> RenewDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(Guid Id, Guid TenantId, string Provider, DateTimeOffset Expires)> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var horizon = now + MaxWindow;
            candidates = (await db.Connections.IgnoreQueryFilters().AsNoTracking()
                    .Where(c => c.Status == ConnectionStatus.Active && c.RefreshTokenExpiresAt != null && c.RefreshTokenExpiresAt < horizon)
                    .Select(c => new { c.Id, c.TenantId, c.Provider, c.RefreshTokenExpiresAt })
                    .ToListAsync(ct))
                .Select(c => (c.Id, c.TenantId, c.Provider, c.RefreshTokenExpiresAt!.Value)).ToList();
        }

        var (renewed, failed) = (0, 0);
        foreach (var candidate in candidates)
        {
            if (catalog.Find(candidate.Provider) is not { } connector || candidate.Expires - now > WindowFor(connector)) continue;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(candidate.TenantId);
            try
            {
                await scope.ServiceProvider.GetRequiredService<AccessTokens>().ForceRefreshAsync(candidate.Id, ct);
                renewed++;
            }
            catch (Exception ex) when (ex is ConnectionUnavailableException or OAuth.OAuthException or HttpRequestException or TimeoutException)
            {
                failed++;
                logger.LogWarning("Could not renew the idle token of connection {ConnectionId}: {Reason}", candidate.Id, ex.Message);
            }
        }
        if (renewed + failed > 0) logger.LogInformation("Idle token renewal: {Renewed} renewed, {Failed} failed", renewed, failed);
        return (renewed, failed);
    }
}
