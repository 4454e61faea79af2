using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Shared;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Webhooks;

/// <summary>A signed body on its way to one app's receiver, with its attempt history.</summary>
public sealed record WebhookJob(Vendor Vendor, AppRegistration App, byte[] Body, int Attempt, DateTimeOffset FirstAttempt);

/// <summary>
/// Turns changes into vendor-shaped, signed webhook posts and delivers them, retrying failures
/// with growing delays. Xero subscriptions that keep failing are disabled after 24 h; QBO gives up.
/// </summary>
public sealed class WebhookDispatcher(ChangeFeed changes, AppRegistry apps, XeroSubscriptions subscriptions, IHttpClientFactory http,
    IOptions<SimulatorOptions> options, WebhookDeliveries log, PublicUrl publicUrl, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private readonly Channel<WebhookJob> _jobs = Channel.CreateUnbounded<WebhookJob>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivery = Task.Run(() => DeliverLoop(stoppingToken), stoppingToken);
        foreach (var app in apps.All(Vendor.Xero).Where(a => !string.IsNullOrEmpty(a.WebhookUrl)))
            _ = subscriptions.HandshakeAsync(app, stoppingToken);
        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken))
            {
                var batch = new List<ChangeEvent>();
                while (batch.Count < 100 && changes.Reader.TryRead(out var change)) batch.Add(change);
                if (options.Value.Webhooks.Enabled) Enqueue(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await delivery;
    }

    private void Enqueue(List<ChangeEvent> batch)
    {
        var now = time.GetUtcNow();
        foreach (var group in batch.GroupBy(c => (c.Vendor, c.Tenant)))
        {
            var events = group.ToList();
            foreach (var app in apps.All(group.Key.Vendor).Where(a => !string.IsNullOrEmpty(a.WebhookUrl)))
            {
                byte[] body;
                if (group.Key.Vendor == Vendor.Qbo)
                {
                    var json = app.WebhookFormat.Equals("cloudevents", StringComparison.OrdinalIgnoreCase)
                        ? WebhookPayloads.QboCloudEvents(group.Key.Tenant, events).ToJsonString(SimJson.Options)
                        : WebhookPayloads.QboLegacy(group.Key.Tenant, events).ToJsonString(SimJson.Options);
                    body = Encoding.UTF8.GetBytes(json);
                }
                else
                {
                    var subscription = subscriptions.Get(app.ClientId);
                    if (subscription.Status != SubscriptionStatus.Active) continue;
                    var first = subscription.NextSequence;
                    subscription.NextSequence += events.Count;
                    body = Encoding.UTF8.GetBytes(WebhookPayloads.Xero(publicUrl.Base, events, first).ToJsonString(SimJson.Options));
                }
                _jobs.Writer.TryWrite(new WebhookJob(group.Key.Vendor, app, body, 1, now));
            }
        }
    }

    private async Task DeliverLoop(CancellationToken stoppingToken)
    {
        var client = http.CreateClient(HttpClientName);
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
            {
                if (job.App.WebhookUrl is not { Length: > 0 } url) continue;
                var (header, signature) = job.Vendor == Vendor.Qbo
                    ? ("intuit-signature", WebhookSigner.Sign(job.App.WebhookKey, job.Body))
                    : ("x-xero-signature", WebhookSigner.Sign(job.App.WebhookKey, job.Body));
                int? status = null;
                string? error = null;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(options.Value.Webhooks.ReceiverTimeout);
                try
                {
                    using var request = Request(url, job.Body, header, signature);
                    using var response = await client.SendAsync(request, timeout.Token);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
                {
                    error = e is OperationCanceledException ? "timed out" : e.Message;
                }
                log.Add(new DeliveryAttempt(time.GetUtcNow(), job.Vendor == Vendor.Qbo ? "qbo" : "xero", job.App.ClientId, url, "event", job.Attempt, status, error, Encoding.UTF8.GetString(job.Body)));
                if (status is >= 200 and < 300)
                {
                    if (job.Vendor == Vendor.Xero) subscriptions.Get(job.App.ClientId).FailingSince = null;
                    continue;
                }
                Retry(job, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Retry(WebhookJob job, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value.Webhooks;
        if (job.Vendor == Vendor.Xero)
        {
            var subscription = subscriptions.Get(job.App.ClientId);
            subscription.FailingSince ??= job.FirstAttempt;
            if (now - subscription.FailingSince >= settings.XeroDisableAfter)
            {
                subscription.Status = SubscriptionStatus.Disabled;
                logger.LogWarning("Xero webhook subscription for app {ClientId} disabled after {Hours} h of failed deliveries", job.App.ClientId, settings.XeroDisableAfter.TotalHours);
                return;
            }
        }
        else if (now - job.FirstAttempt >= settings.QboGiveUpAfter)
        {
            return;
        }
        var delays = settings.RetryDelays;
        var delay = delays[Math.Min(job.Attempt - 1, delays.Count - 1)];
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay, time, stoppingToken);
            _jobs.Writer.TryWrite(job with { Attempt = job.Attempt + 1 });
        }, stoppingToken);
    }

    internal static HttpRequestMessage Request(string url, byte[] body, string header, string signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation(header, signature);
        return request;
    }
}
