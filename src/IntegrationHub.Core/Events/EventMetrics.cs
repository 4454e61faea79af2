using System.Diagnostics.Metrics;

namespace IntegrationHub.Core.Events;

/// <summary>
/// Meter "IntegrationHub.Events": outbox lag (age of the oldest unpublished event, which keeps growing while Redis is
/// away), events published, host events handled by outcome.
/// </summary>
public sealed class EventMetrics
{
    public const string MeterName = "IntegrationHub.Events";

    private readonly Counter<long> _published;
    private readonly Counter<long> _hostEvents;
    private readonly TimeProvider _clock;
    private long _oldestUnpublishedTicks;

    public EventMetrics(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("hub.outbox.published", "{event}", "Outbox events published to Redis Streams.");
        _hostEvents = meter.CreateCounter<long>("hub.host_events.handled", "{event}", "Host-app events handled, by outcome.");
        meter.CreateObservableGauge("hub.outbox.lag", () => LagSeconds, "s", "Age of the oldest unpublished outbox event (0 when none).");
    }

    /// <summary>Age of the oldest unpublished event as last measured; 0 when the outbox was empty.</summary>
    public double LagSeconds =>
        Interlocked.Read(ref _oldestUnpublishedTicks) is var ticks and > 0
            ? Math.Max(0, (_clock.GetUtcNow() - new DateTimeOffset(ticks, TimeSpan.Zero)).TotalSeconds)
            : 0;

    public void ObserveOldestUnpublished(DateTimeOffset? oldest) =>
        Interlocked.Exchange(ref _oldestUnpublishedTicks, oldest?.UtcTicks ?? 0);

    public void Published(int count) => _published.Add(count);

    public void HostEventHandled(HostEventOutcome outcome) =>
        _hostEvents.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));
}
