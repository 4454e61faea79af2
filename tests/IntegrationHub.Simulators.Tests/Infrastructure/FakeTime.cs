namespace IntegrationHub.Simulators.Tests.Infrastructure;

/// <summary>A settable clock; timers stay real so background work still runs.</summary>
public sealed class FakeTime : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly Lock _gate = new();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}
