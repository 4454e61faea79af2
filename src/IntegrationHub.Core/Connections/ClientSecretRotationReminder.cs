using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// Reminds operators to rotate the hub's client secret at each provider 90 days after the last rotation: once per
/// credential version, an audit event and a platform event (provider.client_secret_rotation_due).
/// </summary>
public sealed class ClientSecretRotationReminder(
    IServiceScopeFactory scopes, ConnectorCatalog catalog, IConnectionMultiplexer redis, TimeProvider clock, ILogger<ClientSecretRotationReminder> logger)
{
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        // One worker at a time, so the check-then-record below cannot remind twice for one version.
        await using var lease = await RedisLock.TryAcquireAsync(redis.GetDatabase(), "hub:lock:client-secret-reminder", TimeSpan.FromMinutes(5));
        if (lease is null) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var secrets = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var reminded = 0;
        foreach (var connector in catalog.All)
        {
            foreach (var environment in connector.Environments.Keys)
            {
                if (await ProviderApps.CurrentVersionAsync(secrets, connector.Key, environment, ct) is not { } current) continue;
                var due = current.CreatedAt + ProviderApps.RotationInterval;
                if (due > clock.GetUtcNow()) continue;
                var target = $"{connector.Key}/{environment}/v{current.Version}";
                if (await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.ProviderAppRotationDue && e.TargetId == target, ct)) continue;

                db.Audit(null, AuditActions.ProviderAppRotationDue, AuditActor.System, "provider_app", target,
                    new { provider = connector.Key, environment, lastRotatedAt = current.CreatedAt, dueAt = due });
                db.Emit(EventTypes.PlatformTenant, EventTypes.ProviderClientSecretRotationDue,
                    new { provider = connector.Key, environment, lastRotatedAt = current.CreatedAt, dueAt = due });
                await db.SaveChangesAsync(ct);
                logger.LogWarning("The {Provider} client secret ({Environment}) was last rotated {LastRotated:yyyy-MM-dd}; rotation is due", connector.Name, environment, current.CreatedAt);
                reminded++;
            }
        }
        return reminded;
    }
}
