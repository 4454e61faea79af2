using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>Re-driving dead-lettered (or failed) messages: every one of an endpoint created in [since, until), sent again now.</summary>
public static class WebhookRecovery
{
    public static Task<int> RecoverAsync(HubDbContext db, Guid endpointId, DateTimeOffset since, DateTimeOffset until, DateTimeOffset now, CancellationToken ct) =>
        db.WebhookMessages
            .Where(m => m.EndpointId == endpointId && m.CreatedAt >= since && m.CreatedAt < until
                        && (m.Status == WebhookMessageStatus.DeadLettered || m.Status == WebhookMessageStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, WebhookMessageStatus.Pending).SetProperty(m => m.NextAttemptAt, now), ct);
}
