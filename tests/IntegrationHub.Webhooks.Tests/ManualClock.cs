namespace IntegrationHub.Webhooks.Tests;

/// <summary>A clock the test moves by hand (retry schedules of hours and days run in milliseconds).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
    public void Set(DateTimeOffset to) => _now = to;
}
