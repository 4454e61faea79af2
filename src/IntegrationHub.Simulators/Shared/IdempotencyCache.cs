namespace IntegrationHub.Simulators.Shared;

/// <summary>A response kept so a repeated request key (QBO requestid, Xero Idempotency-Key) replays it.</summary>
public sealed record CachedResponse(int StatusCode, string ContentType, byte[] Body);

/// <summary>Bounded, first-in-first-out: vendors keep keys for a limited time, and memory must stay flat in long runs.</summary>
public sealed class IdempotencyCache(int capacity = 50_000)
{
    private readonly Dictionary<string, CachedResponse> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _gate = new();

    public CachedResponse? Get(string key)
    {
        lock (_gate) return _entries.GetValueOrDefault(key);
    }

    public void Put(string key, CachedResponse response)
    {
        lock (_gate)
        {
            if (!_entries.TryAdd(key, response)) return;
            _order.Enqueue(key);
            if (_order.Count > capacity) _entries.Remove(_order.Dequeue());
        }
    }

    public void Clear()
    {
        lock (_gate) { _entries.Clear(); _order.Clear(); }
    }
}
