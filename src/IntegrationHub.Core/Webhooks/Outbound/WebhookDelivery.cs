using System.Diagnostics;
using System.Net;
using System.Text;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Sends due messages: claims a batch (FOR UPDATE SKIP LOCKED; FIFO endpoints offer only their oldest open message),
/// posts them concurrently per Standard Webhooks, logs every attempt, and decides: 2xx done; 410 disables the
/// endpoint; anything else is retried on the schedule (Retry-After honoured on 429/503) until dead-lettered; five
/// days of continuous failure disable the endpoint and emit endpoint.disabled to the tenant's other endpoints.
/// </summary>
public sealed class WebhookDelivery(IServiceScopeFactory scopes, WebhookHttp http, EndpointSecrets secrets, RateGate rates,
    IOptions<DeliveryOptions> options, TimeProvider clock, ILogger<WebhookDelivery> logger)
{
    private const string ClaimSql = """
        UPDATE webhook_messages SET status = 'Sending', next_attempt_at = {0}
        WHERE id IN (
            SELECT m.id FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id
            WHERE m.status IN ('Pending', 'Sending') AND m.next_attempt_at <= {1} AND e.enabled
              AND (NOT e.ordered OR NOT EXISTS (SELECT 1 FROM webhook_messages p
                   WHERE p.endpoint_id = m.endpoint_id AND p.id < m.id AND p.status IN ('Pending', 'Sending')))
            ORDER BY m.next_attempt_at, m.id LIMIT {2}
            FOR UPDATE OF m SKIP LOCKED)
        RETURNING id AS "Value"
        """;

    private sealed record Outcome(int? Status, string? Body, string? Error, TimeSpan? RetryAfter, int DurationMs, DateTimeOffset At);

    /// <summary>Delivers one batch; returns how many messages it claimed.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        var now = clock.GetUtcNow();
        var lease = now + settings.Timeout + TimeSpan.FromMinutes(1);
        var ids = await db.Database.SqlQueryRaw<long>(ClaimSql, lease, now, settings.BatchSize).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var messages = await db.WebhookMessages.IgnoreQueryFilters().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);
        var endpointIds = messages.Select(m => m.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.IgnoreQueryFilters().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);

        var sends = new List<(WebhookMessage Message, Task<Outcome> Result)>();
        using var gate = new SemaphoreSlim(settings.Concurrency);
        foreach (var message in messages)
        {
            var endpoint = endpoints[message.EndpointId];
            if (!rates.TryTake(endpoint.Id, endpoint.RateLimitPerSecond, now))
            {
                message.Status = WebhookMessageStatus.Pending;
                message.NextAttemptAt = now + TimeSpan.FromSeconds(1.0 / endpoint.RateLimitPerSecond!.Value);
                continue;
            }
            var keys = await secrets.SigningKeysAsync(store, endpoint, now, ct);
            sends.Add((message, SendAsync(gate, endpoint, message, keys, settings, ct)));
        }
        await Task.WhenAll(sends.Select(s => s.Result));
        foreach (var (message, result) in sends) Apply(db, endpoints[message.EndpointId], message, await result, settings);
        await db.SaveChangesAsync(ct);
        return ids.Count;
    }

    private async Task<Outcome> SendAsync(SemaphoreSlim gate, WebhookEndpoint endpoint, WebhookMessage message, IReadOnlyList<byte[]> keys,
        DeliveryOptions settings, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        var at = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (settings.RequireHttps && url.Scheme != Uri.UriSchemeHttps))
                return new Outcome(null, null, "endpoint URL must be https", null, 0, at);
            var timestamp = at.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", message.MessageId);
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSigner.Header(keys, message.MessageId, timestamp, message.Body));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(settings.Timeout);
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadStartAsync(response, timeout.Token);
            return new Outcome((int)response.StatusCode, body, null, RetryAfter(response, at), (int)watch.ElapsedMilliseconds, at);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Outcome(null, null, $"timed out after {settings.Timeout.TotalSeconds:0} s", null, (int)watch.ElapsedMilliseconds, at);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SsrfBlockedException blocked ? "blocked by the SSRF guard: " + blocked.Message : e.Message;
            return new Outcome(null, null, reason, null, (int)watch.ElapsedMilliseconds, at);
        }
        finally
        {
            gate.Release();
        }
    }

    private void Apply(HubDbContext db, WebhookEndpoint endpoint, WebhookMessage message, Outcome outcome, DeliveryOptions settings)
    {
        message.Attempts++;
        message.LastAttemptAt = outcome.At;
        message.LastStatusCode = outcome.Status;
        message.LastError = outcome.Error ?? (outcome.Status is >= 200 and < 300 ? null : $"HTTP {outcome.Status}");
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            TenantId = message.TenantId, MessageId = message.Id, EndpointId = endpoint.Id, AttemptedAt = outcome.At,
            StatusCode = outcome.Status, DurationMs = outcome.DurationMs, ResponseBody = outcome.Body, Error = outcome.Error,
        });
        if (outcome.Status is >= 200 and < 300)
        {
            message.Status = WebhookMessageStatus.Succeeded;
            message.DeliveredAt = outcome.At;
            message.NextAttemptAt = null;
            endpoint.FailingSince = null;
            return;
        }
        if (outcome.Status == (int)HttpStatusCode.Gone)
        {
            message.Status = WebhookMessageStatus.Failed;
            message.NextAttemptAt = null;
            Disable(db, endpoint, "The endpoint answered 410 Gone.", outcome.At);
            return;
        }
        endpoint.FailingSince ??= outcome.At;
        var next = RetryPolicy.Next(settings, message.Attempts, outcome.At, outcome.RetryAfter, Random.Shared.NextDouble());
        message.Status = next is null ? WebhookMessageStatus.DeadLettered : WebhookMessageStatus.Pending;
        message.NextAttemptAt = next;
        if (endpoint.Enabled && outcome.At - endpoint.FailingSince >= settings.DisableAfter)
            Disable(db, endpoint, $"Every delivery failed for {settings.DisableAfter.TotalDays:0.#} days.", outcome.At);
    }

    private void Disable(HubDbContext db, WebhookEndpoint endpoint, string reason, DateTimeOffset at)
    {
        if (!endpoint.Enabled) return;
        endpoint.Enabled = false;
        endpoint.DisabledReason = reason;
        endpoint.UpdatedAt = at;
        db.Emit(endpoint.TenantId, EventTypes.EndpointDisabled, new { endpointId = endpoint.Id, url = endpoint.Url, reason });
        logger.LogWarning("Webhook endpoint {EndpointId} disabled: {Reason}", endpoint.Id, reason);
    }

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new byte[WebhookAttempt.MaxBodyChars * 4];
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var used = 0;
        int read;
        while (used < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(used), ct)) > 0) used += read;
        if (used == 0) return null;
        var text = Encoding.UTF8.GetString(buffer, 0, used);
        return text.Length > WebhookAttempt.MaxBodyChars ? text[..WebhookAttempt.MaxBodyChars] : text;
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        return header.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }
}
