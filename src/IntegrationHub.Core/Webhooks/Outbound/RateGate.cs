using System.Collections.Concurrent;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>Per-endpoint rate limit option: a one-second window counter per endpoint in this process.</summary>
public sealed class RateGate
{
    private readonly ConcurrentDictionary<Guid, (long Second, int Count)> _windows = new();

    public bool TryTake(Guid endpointId, int? perSecond, DateTimeOffset now)
    {
        if (perSecond is not { } limit) return true;
        var second = now.ToUnixTimeSeconds();
        var taken = false;
        _windows.AddOrUpdate(endpointId, _ => { taken = true; return (second, 1); }, (_, w) =>
        {
            if (w.Second != second) { taken = true; return (second, 1); }
            taken = w.Count < limit;
            return taken ? (second, w.Count + 1) : w;
        });
        return taken;
    }
}
