using System.Buffers;
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
/// Sends due messages: claims a batch (FOR UPDATE SKIP LOCKED, the claimed rows returned by the same statement; FIFO
/// endpoints offer only their oldest open message), posts them concurrently per Standard Webhooks (at most
/// Webhooks:Delivery:Concurrency sends in flight per process, across all delivery loops), and decides: 2xx done; 410
/// disables the endpoint; anything else is retried on the schedule (Retry-After honoured on 429/503) until
/// dead-lettered; five days of continuous failure disable the endpoint and emit endpoint.disabled to the tenant's
/// other endpoints. A batch's state changes and attempt log are written with one statement each, in one transaction.
/// </summary>
public sealed class WebhookDelivery(IServiceScopeFactory scopes, WebhookHttp http, EndpointSecrets secrets, RateGate rates, DeliverySignal signal,
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
        RETURNING *
        """;

    private sealed record Outcome(int? Status, string? Body, string? Error, TimeSpan? RetryAfter, int DurationMs, DateTimeOffset At);

    private readonly SemaphoreSlim _inFlight = new(options.Value.Concurrency);

    /// <summary>Delivers one batch; returns how many messages it claimed.</summary>
    public async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var store = scope.ServiceProvider.GetRequiredService<ISecretStore>();
        var now = clock.GetUtcNow();
        var lease = now + settings.Timeout + TimeSpan.FromMinutes(1);
        var messages = await db.WebhookMessages.FromSqlRaw(ClaimSql, lease, now, settings.BatchSize).IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        if (messages.Count == 0) return 0;
        // A full batch means there is probably more: let another loop claim the next one while this one sends.
        if (messages.Count == settings.BatchSize) signal.Notify();
        messages.Sort((a, b) => a.Id.CompareTo(b.Id));
        var endpointIds = messages.Select(m => m.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.IgnoreQueryFilters().AsNoTracking().Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var before = endpoints.Values.ToDictionary(e => e.Id, e => (e.FailingSince, e.Enabled));

        var sends = new List<(WebhookMessage Message, Task<Outcome> Result)>();
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
            sends.Add((message, SendAsync(endpoint, message, keys, settings, ct)));
        }
        await Task.WhenAll(sends.Select(s => s.Result));
        var attempts = new List<WebhookAttempt>(sends.Count);
        var disabled = new List<WebhookEndpoint>();
        foreach (var (message, result) in sends) attempts.Add(Apply(endpoints[message.EndpointId], message, await result, settings, disabled));
        var changed = endpoints.Values.Where(e => before[e.Id] != (e.FailingSince, e.Enabled)).ToList();
        await db.InTransactionAsync(async () =>
        {
            await DeliveryWrites.UpdateMessagesAsync(db, messages, ct);
            await DeliveryWrites.InsertAttemptsAsync(db, attempts, ct);
            foreach (var endpoint in changed) await SaveEndpointStateAsync(db, endpoint, before[endpoint.Id].Enabled, ct);
            foreach (var endpoint in disabled)
                db.Emit(endpoint.TenantId, EventTypes.EndpointDisabled, new { endpointId = endpoint.Id, url = endpoint.Url, reason = endpoint.DisabledReason });
            await db.SaveChangesAsync(ct);
            return messages.Count;
        }, ct);
        foreach (var endpoint in disabled) logger.LogWarning("Webhook endpoint {EndpointId} disabled: {Reason}", endpoint.Id, endpoint.DisabledReason);
        return messages.Count;
    }

    private async Task<Outcome> SendAsync(WebhookEndpoint endpoint, WebhookMessage message, IReadOnlyList<byte[]> keys, DeliveryOptions settings, CancellationToken ct)
    {
        await _inFlight.WaitAsync(ct);
        var at = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        try
        {
            if (!Uri.TryCreate(endpoint.Url, UriKind.Absolute, out var url) || (settings.RequireHttps && url.Scheme != Uri.UriSchemeHttps))
                return new Outcome(null, null, "endpoint URL must be https", null, 0, at);
            var timestamp = at.ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(message.Body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("webhook-id", message.MessageId);
            request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.Header(keys, message.MessageId, timestamp, message.Body));
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
            _inFlight.Release();
        }
    }

    /// <summary>Applies one attempt's outcome to the message and its (tracked) endpoint; returns the attempt's log row.</summary>
    private static WebhookAttempt Apply(WebhookEndpoint endpoint, WebhookMessage message, Outcome outcome, DeliveryOptions settings, List<WebhookEndpoint> disabled)
    {
        message.Attempts++;
        message.LastAttemptAt = outcome.At;
        message.LastStatusCode = outcome.Status;
        message.LastError = outcome.Error ?? (outcome.Status is >= 200 and < 300 ? null : $"HTTP {outcome.Status}");
        var attempt = new WebhookAttempt
        {
            TenantId = message.TenantId, MessageId = message.Id, EndpointId = endpoint.Id, AttemptedAt = outcome.At,
            StatusCode = outcome.Status, DurationMs = outcome.DurationMs, ResponseBody = outcome.Body, Error = outcome.Error,
        };
        if (outcome.Status is >= 200 and < 300)
        {
            message.Status = WebhookMessageStatus.Succeeded;
            message.DeliveredAt = outcome.At;
            message.NextAttemptAt = null;
            endpoint.FailingSince = null;
            return attempt;
        }
        if (outcome.Status == (int)HttpStatusCode.Gone)
        {
            message.Status = WebhookMessageStatus.Failed;
            message.NextAttemptAt = null;
            Disable(endpoint, "The endpoint answered 410 Gone.", outcome.At, disabled);
            return attempt;
        }
        endpoint.FailingSince ??= outcome.At;
        var next = RetryPolicy.Next(settings, message.Attempts, outcome.At, outcome.RetryAfter, Random.Shared.NextDouble());
        message.Status = next is null ? WebhookMessageStatus.DeadLettered : WebhookMessageStatus.Pending;
        message.NextAttemptAt = next;
        if (endpoint.Enabled && outcome.At - endpoint.FailingSince >= settings.DisableAfter)
            Disable(endpoint, $"Every delivery failed for {settings.DisableAfter.TotalDays:0.#} days.", outcome.At, disabled);
        return attempt;
    }

    private static void Disable(WebhookEndpoint endpoint, string reason, DateTimeOffset at, List<WebhookEndpoint> disabled)
    {
        if (!endpoint.Enabled) return;
        endpoint.Enabled = false;
        endpoint.DisabledReason = reason;
        endpoint.UpdatedAt = at;
        disabled.Add(endpoint);
    }

    /// <summary>Writes only what delivery changes on an endpoint (its failure clock, or the disable), not what the Api may be editing.</summary>
    private static Task<int> SaveEndpointStateAsync(HubDbContext db, WebhookEndpoint endpoint, bool wasEnabled, CancellationToken ct)
    {
        var row = db.WebhookEndpoints.IgnoreQueryFilters().Where(e => e.Id == endpoint.Id);
        return wasEnabled && !endpoint.Enabled
            ? row.ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, endpoint.FailingSince).SetProperty(e => e.Enabled, false)
                .SetProperty(e => e.DisabledReason, endpoint.DisabledReason).SetProperty(e => e.UpdatedAt, endpoint.UpdatedAt), ct)
            : row.ExecuteUpdateAsync(s => s.SetProperty(e => e.FailingSince, endpoint.FailingSince), ct);
    }

    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        const int max = WebhookAttempt.MaxBodyChars * 4;
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var used = 0;
            int read;
            while (used < max && (read = await stream.ReadAsync(buffer.AsMemory(used, max - used), ct)) > 0) used += read;
            if (used == 0) return null;
            var text = Encoding.UTF8.GetString(buffer, 0, used);
            return text.Length > WebhookAttempt.MaxBodyChars ? text[..WebhookAttempt.MaxBodyChars] : text;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || response.Headers.RetryAfter is not { } header) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        return header.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }
}
