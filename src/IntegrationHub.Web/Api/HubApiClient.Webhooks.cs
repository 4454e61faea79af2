using System.Globalization;

namespace IntegrationHub.Web.Api;

// The webhook endpoints of the Api: outbound subscriptions and their delivery log, inbound provider events.
public sealed partial class HubApiClient
{
    public Task<List<WebhookEndpointInfo>> GetWebhookEndpointsAsync(CancellationToken ct = default) =>
        GetAsync<List<WebhookEndpointInfo>>("webhook-endpoints", ct);

    public Task<WebhookEndpointInfo> GetWebhookEndpointAsync(Guid id, CancellationToken ct = default) =>
        GetAsync<WebhookEndpointInfo>($"webhook-endpoints/{id}", ct);

    public Task<CreatedWebhookEndpoint> CreateWebhookEndpointAsync(NewWebhookEndpoint endpoint, CancellationToken ct = default) =>
        SendAsync<CreatedWebhookEndpoint>(HttpMethod.Post, "webhook-endpoints", endpoint, ct);

    public Task<WebhookEndpointInfo> SetWebhookEndpointEnabledAsync(Guid id, bool enabled, CancellationToken ct = default) =>
        SendAsync<WebhookEndpointInfo>(HttpMethod.Patch, $"webhook-endpoints/{id}", new { enabled }, ct);

    public Task<WebhookEndpointInfo> UpdateWebhookEndpointAsync(Guid id, NewWebhookEndpoint endpoint, CancellationToken ct = default) =>
        SendAsync<WebhookEndpointInfo>(HttpMethod.Patch, $"webhook-endpoints/{id}", endpoint, ct);

    public Task DeleteWebhookEndpointAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"webhook-endpoints/{id}", null, ct);

    public Task<RotatedWebhookSecret> RotateWebhookSecretAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<RotatedWebhookSecret>(HttpMethod.Post, $"webhook-endpoints/{id}/rotate-secret", null, ct);

    public Task<WebhookMessagePage> GetWebhookMessagesAsync(Guid endpointId, string? status, int page, int pageSize, CancellationToken ct = default) =>
        GetAsync<WebhookMessagePage>($"webhook-endpoints/{endpointId}/messages?page={page}&pageSize={pageSize}"
            + (string.IsNullOrWhiteSpace(status) ? "" : "&status=" + Uri.EscapeDataString(status)), ct);

    public Task<List<WebhookAttemptInfo>> GetWebhookAttemptsAsync(long messageId, CancellationToken ct = default) =>
        GetAsync<List<WebhookAttemptInfo>>($"webhook-messages/{messageId}/attempts", ct);

    public Task<WebhookMessageInfo> ResendWebhookMessageAsync(long messageId, CancellationToken ct = default) =>
        SendAsync<WebhookMessageInfo>(HttpMethod.Post, $"webhook-messages/{messageId}/resend", null, ct);

    public Task<WebhookRecovered> RecoverWebhookMessagesAsync(Guid endpointId, DateTimeOffset since, DateTimeOffset? until, CancellationToken ct = default) =>
        SendAsync<WebhookRecovered>(HttpMethod.Post, $"webhook-endpoints/{endpointId}/recover", new { since, until }, ct);

    public Task<InboundEventPage> GetInboundEventsAsync(Guid connectionId, string? status, int page, int pageSize, CancellationToken ct = default) =>
        GetAsync<InboundEventPage>(string.Create(CultureInfo.InvariantCulture, $"connections/{connectionId}/inbound-events?page={page}&pageSize={pageSize}")
            + (string.IsNullOrWhiteSpace(status) ? "" : "&status=" + Uri.EscapeDataString(status)), ct);

    public Task<InboundEventInfo> ReplayInboundEventAsync(long eventId, CancellationToken ct = default) =>
        SendAsync<InboundEventInfo>(HttpMethod.Post, $"inbound-events/{eventId}/replay", null, ct);
}
