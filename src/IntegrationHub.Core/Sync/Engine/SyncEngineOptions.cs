namespace IntegrationHub.Core.Sync.Engine;

/// <summary>How patient a run is with its provider (configuration section "SyncEngine").</summary>
public sealed class SyncEngineOptions
{
    /// <summary>Longest single wait on a 429; a longer Retry-After is cut to this (the next 429 waits again).</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Wait when a 429 names no delay.</summary>
    public TimeSpan DefaultRateLimitWait { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>After this many 429s in a row on one call the run gives up and the queue reschedules it.</summary>
    public int MaxConsecutiveRateLimits { get; set; } = 5;
    /// <summary>Retries of a call after a transient error (network, 5xx), with exponential backoff and jitter.</summary>
    public int TransientRetries { get; set; } = 3;
    public TimeSpan TransientBackoff { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>Host records read per batch when looking for records to push.</summary>
    public int PushBatchSize { get; set; } = 500;
}
