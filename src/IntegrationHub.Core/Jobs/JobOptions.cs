using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Jobs;

/// <summary>Configuration section <c>Jobs</c>: queue workers, timeouts, retry policy and concurrency limits.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Hangfire worker threads per SyncWorker process.</summary>
    public int WorkerCount { get; set; } = 8;
    /// <summary>
    /// A fetched job whose worker stops heart-beating (kill -9, lost host) becomes visible to other workers after this.
    /// Sliding: a live worker keeps extending it, so long sync runs are never taken over while their worker lives.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(3);
    /// <summary>How often an idle worker polls the queue table.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How often delayed (retry, postponed) and recurring jobs are moved to their queue.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>How long a stopping worker waits for running jobs before abandoning them to the queue.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>How often queued runs without a job (written inside a caller's transaction) are turned into jobs.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Sync runs of one tenant executing at the same time, across all workers.</summary>
    public int PerTenantConcurrency { get; set; } = 2;
    /// <summary>A run that finds its entity locked or its tenant at the limit is postponed by this (plus up to 50 % jitter).</summary>
    public TimeSpan PostponeDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How often a running sync checks that the database session holding its locks is still there (a restart ends it, and the run stops to be retried).</summary>
    public TimeSpan LockCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
    public RetryOptions Retry { get; set; } = new();
}

/// <summary>Exponential backoff with jitter for transient failures; rate limits wait the provider's delay.</summary>
public sealed class RetryOptions
{
    /// <summary>Executions counted against a run (the first one included) before it goes to the dead-letter state.</summary>
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Waits for a rate limit do not count as attempts, but a provider that never lets the run through still ends it.</summary>
    public int MaxRateLimitWaits { get; set; } = 50;
    /// <summary>Used when a rate-limited provider gave no Retry-After.</summary>
    public TimeSpan DefaultRateLimitDelay { get; set; } = TimeSpan.FromSeconds(60);
}

public sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions o)
    {
        var errors = new List<string>();
        if (o.WorkerCount is < 1 or > 200) errors.Add("Jobs:WorkerCount must be between 1 and 200.");
        if (o.InvisibilityTimeout < TimeSpan.FromSeconds(5) || o.InvisibilityTimeout > TimeSpan.FromHours(2))
            errors.Add("Jobs:InvisibilityTimeout must be between 00:00:05 and 02:00:00.");
        Positive(errors, "QueuePollInterval", o.QueuePollInterval, TimeSpan.FromMinutes(1));
        Positive(errors, "SchedulePollingInterval", o.SchedulePollingInterval, TimeSpan.FromMinutes(1));
        Positive(errors, "ShutdownTimeout", o.ShutdownTimeout, TimeSpan.FromMinutes(10));
        Positive(errors, "DispatchInterval", o.DispatchInterval, TimeSpan.FromMinutes(1));
        Positive(errors, "PostponeDelay", o.PostponeDelay, TimeSpan.FromMinutes(10));
        Positive(errors, "LockCheckInterval", o.LockCheckInterval, TimeSpan.FromMinutes(5));
        if (o.PerTenantConcurrency is < 1 or > 100) errors.Add("Jobs:PerTenantConcurrency must be between 1 and 100.");
        if (o.Retry.MaxAttempts is < 1 or > 50) errors.Add("Jobs:Retry:MaxAttempts must be between 1 and 50.");
        if (o.Retry.MaxRateLimitWaits is < 0 or > 1000) errors.Add("Jobs:Retry:MaxRateLimitWaits must be between 0 and 1000.");
        Positive(errors, "Retry:BaseDelay", o.Retry.BaseDelay, TimeSpan.FromHours(1));
        Positive(errors, "Retry:MaxDelay", o.Retry.MaxDelay, TimeSpan.FromDays(1));
        Positive(errors, "Retry:DefaultRateLimitDelay", o.Retry.DefaultRateLimitDelay, TimeSpan.FromHours(1));
        if (o.Retry.MaxDelay < o.Retry.BaseDelay) errors.Add("Jobs:Retry:MaxDelay must not be shorter than Jobs:Retry:BaseDelay.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max) errors.Add($"Jobs:{key} must be positive and at most {max}.");
    }
}
