using System.Collections.Concurrent;
using System.Text;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Shared;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Webhooks;

public enum SubscriptionStatus { Pending, Active, IntentToReceiveFailed, Disabled }

/// <summary>One Xero app's webhook subscription state.</summary>
public sealed class XeroSubscription
{
    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Pending;
    public long NextSequence { get; set; } = 1;
    public DateTimeOffset? FailingSince { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// Xero's intent-to-receive: a series of correctly and incorrectly signed empty-event posts; the
/// subscription becomes active only if the receiver answers 200 to each good one and 401 to each
/// bad one within the deadline. Until then no events are sent.
/// </summary>
public sealed class XeroSubscriptions(IHttpClientFactory http, IOptions<SimulatorOptions> options, WebhookDeliveries log, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, XeroSubscription> _subscriptions = new();

    public XeroSubscription Get(string clientId) => _subscriptions.GetOrAdd(clientId, _ => new XeroSubscription());

    public IReadOnlyDictionary<string, XeroSubscription> All => _subscriptions;

    public async Task<SubscriptionStatus> HandshakeAsync(AppRegistration app, CancellationToken cancellationToken)
    {
        var subscription = Get(app.ClientId);
        if (string.IsNullOrEmpty(app.WebhookUrl)) return subscription.Status = SubscriptionStatus.Pending;
        // Shuffled so a receiver cannot pass by alternating answers.
        bool[] plan = Random.Shared.Next(2) == 0 ? [true, false, true, false] : [false, true, true, false];
        var client = http.CreateClient(WebhookDispatcher.HttpClientName);
        foreach (var good in plan)
        {
            var body = Encoding.UTF8.GetBytes(WebhookPayloads.XeroIntentToReceive().ToJsonString(SimJson.Options));
            var key = good ? app.WebhookKey : app.WebhookKey + "-wrong";
            int? status = null;
            string? error = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Webhooks.ReceiverTimeout);
            try
            {
                using var request = WebhookDispatcher.Request(app.WebhookUrl, body, "x-xero-signature", WebhookSigner.Sign(key, body));
                using var response = await client.SendAsync(request, timeout.Token);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = e is OperationCanceledException ? "no answer within the deadline" : e.Message;
            }
            log.Add(new DeliveryAttempt(time.GetUtcNow(), "xero", app.ClientId, app.WebhookUrl, good ? "itr-good" : "itr-bad", 1, status, error, Encoding.UTF8.GetString(body)));
            if (status != (good ? 200 : 401))
            {
                subscription.LastError = error ?? $"answered {status} to a {(good ? "correctly" : "incorrectly")} signed intent-to-receive";
                return subscription.Status = SubscriptionStatus.IntentToReceiveFailed;
            }
        }
        subscription.LastError = null;
        subscription.FailingSince = null;
        return subscription.Status = SubscriptionStatus.Active;
    }

    public void Reset() => _subscriptions.Clear();
}
