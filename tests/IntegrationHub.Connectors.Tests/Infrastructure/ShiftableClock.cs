namespace IntegrationHub.Connectors.Tests.Infrastructure;

/// <summary>The real clock plus an offset tests can move forward: shared by the simulator and the connector context.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
