namespace IntegrationHub.AppHost;

/// <summary>Restart delays for a crashing service: 1 s, 2 s, 4 s … capped at 30 s.</summary>
public static class Backoff
{
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    /// <summary>A service that stayed up this long is considered recovered; its next crash starts again at 1 s.</summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(60);

    public static TimeSpan Delay(int consecutiveFailures) =>
        consecutiveFailures <= 1 ? TimeSpan.FromSeconds(1)
        : TimeSpan.FromSeconds(Math.Min(Max.TotalSeconds, Math.Pow(2, Math.Min(consecutiveFailures - 1, 10))));
}
