namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>What to do after a failed attempt: when to try again (null = dead-letter).</summary>
public static class RetryPolicy
{
    /// <param name="attempts">Attempts made so far, including the one that just failed.</param>
    /// <param name="retryAfter">The receiver's Retry-After on 429/503, honoured instead of the schedule's delay.</param>
    public static DateTimeOffset? Next(DeliveryOptions options, int attempts, DateTimeOffset now, TimeSpan? retryAfter, double random)
    {
        if (attempts > options.RetrySchedule.Length) return null;
        var delay = options.RetrySchedule[attempts - 1];
        if (retryAfter is { } wait) return now + (wait > TimeSpan.FromHours(24) ? TimeSpan.FromHours(24) : wait);
        var spread = delay.TotalMilliseconds * options.Jitter * (random * 2 - 1);
        return now + delay + TimeSpan.FromMilliseconds(spread);
    }
}
