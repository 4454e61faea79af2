using System.Threading.Channels;
using IntegrationHub.Simulators.OAuth;

namespace IntegrationHub.Simulators.Webhooks;

/// <summary>A change made through the API or the control API, to be announced by webhook.</summary>
public sealed record ChangeEvent(Vendor Vendor, string Tenant, string Entity, string Id, string Operation, DateTimeOffset At);

/// <summary>Unbounded so a write never waits on webhook delivery; the dispatcher drains it.</summary>
public sealed class ChangeFeed
{
    private readonly Channel<ChangeEvent> _channel = Channel.CreateUnbounded<ChangeEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Off while seeding: vendors do not announce data that was already there.</summary>
    public bool Muted { get; set; }

    public void Publish(ChangeEvent change)
    {
        if (!Muted) _channel.Writer.TryWrite(change);
    }

    public ChannelReader<ChangeEvent> Reader => _channel.Reader;
}
