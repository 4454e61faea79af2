namespace IntegrationHub.Simulators.Webhooks;

/// <summary>One delivery attempt, for the control API (never the signature or key).</summary>
public sealed record DeliveryAttempt(DateTimeOffset At, string Vendor, string ClientId, string Url, string Kind, int Attempt, int? Status, string? Error, string Body);

/// <summary>Bounded log of webhook attempts, so tests and demos can see what was sent and how the receiver answered.</summary>
public sealed class WebhookDeliveries
{
    private readonly LinkedList<DeliveryAttempt> _attempts = new();
    private readonly Lock _gate = new();

    public void Add(DeliveryAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.AddLast(attempt);
            while (_attempts.Count > 5_000) _attempts.RemoveFirst();
        }
    }

    public IReadOnlyList<DeliveryAttempt> Recent(int limit)
    {
        lock (_gate) return [.. _attempts.TakeLast(limit)];
    }

    public void Clear()
    {
        lock (_gate) _attempts.Clear();
    }
}
