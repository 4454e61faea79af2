using System.Diagnostics.Metrics;

namespace IntegrationHub.Core.RateLimits;

/// <summary>The <c>IntegrationHub.RateLimits</c> meter (exported by ServiceDefaults): waits, refusals, 429s and calls in flight, per provider.</summary>
public static class RateLimitMetrics
{
    public const string MeterName = "IntegrationHub.RateLimits";
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> WaitHistogram = Meter.CreateHistogram<double>(
        "hub.ratelimit.wait", "ms", "Time a provider call waited for rate-limit budget");
    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "hub.ratelimit.refusals", description: "Budget refusals (each is followed by a wait), by reason: window, concurrency, blocked");
    private static readonly Counter<long> Throttles = Meter.CreateCounter<long>(
        "hub.ratelimit.provider_429", description: "429 responses from providers");
    private static readonly Counter<long> Lowered = Meter.CreateCounter<long>(
        "hub.ratelimit.lowered", description: "Calls booked because a provider reported fewer remaining than the budget counted");
    private static readonly UpDownCounter<long> Leases = Meter.CreateUpDownCounter<long>(
        "hub.ratelimit.in_flight", description: "Provider calls holding a budget lease in this process");

    internal static void Waited(string provider, TimeSpan waited) => WaitHistogram.Record(waited.TotalMilliseconds, Tag(provider));
    internal static void Refused(string provider, string reason) =>
        Refusals.Add(1, Tag(provider), new KeyValuePair<string, object?>("reason", reason));
    internal static void Throttled(string provider, string? problem) =>
        Throttles.Add(1, Tag(provider), new KeyValuePair<string, object?>("problem", problem ?? "unspecified"));
    internal static void Booked(string provider, int calls) => Lowered.Add(calls, Tag(provider));
    internal static void InFlight(string provider, int delta) => Leases.Add(delta, Tag(provider));

    private static KeyValuePair<string, object?> Tag(string provider) => new("provider", provider);
}
