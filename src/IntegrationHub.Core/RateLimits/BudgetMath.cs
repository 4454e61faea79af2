namespace IntegrationHub.Core.RateLimits;

/// <summary>
/// The arithmetic of the budget, kept out of Redis so it is testable as plain functions. Windows are sliding logs:
/// a call is allowed when fewer than Limit calls were granted in the last WindowMs, which bounds every interval of
/// that length (a fixed window, as providers count, can then never see more than Limit either).
/// </summary>
public static class BudgetMath
{
    /// <summary>The share of a published count the hub allows itself: never zero, never above the published count.</summary>
    public static int Allowance(int published, double safetyFactor) =>
        published <= 0 ? 0 : Math.Clamp((int)Math.Floor(published * safetyFactor + 1e-9), 1, published);

    /// <summary>Window length in ms as the budget counts it: the published window plus padding for send-to-arrival jitter.</summary>
    public static long WindowMs(TimeSpan window, TimeSpan padding) => (long)Math.Ceiling((window + padding).TotalMilliseconds);

    /// <summary>
    /// How long to wait after a refusal. Window slots free at a known time; concurrency slots free whenever a holder
    /// releases, so those are polled (at most until the earliest lease would expire by itself). Always at least 1 ms.
    /// </summary>
    /// <param name="windowFreeAt">When the last of the full windows gets a slot back (ms), or 0.</param>
    /// <param name="leaseExpiresAt">When the earliest lease of a full concurrency limit expires (ms), or 0.</param>
    public static long WaitMs(long now, long blockedUntil, long windowFreeAt, long leaseExpiresAt, long pollMs)
    {
        var wait = Math.Max(blockedUntil - now, windowFreeAt - now);
        if (leaseExpiresAt > 0) wait = Math.Max(wait, Math.Min(pollMs, leaseExpiresAt - now));
        return Math.Max(1, wait);
    }

    /// <summary>
    /// How many calls the provider has counted in its window, from its "remaining" header: when that exceeds our own
    /// count (another app or another hub uses the same organisation) the budget books the difference.
    /// </summary>
    public static int UsedAccordingToProvider(int published, int reportedRemaining) => Math.Max(0, published - Math.Max(0, reportedRemaining));
}
