namespace IntegrationHub.Core.Jobs;

/// <summary>The run could not start now (its entity is locked by another run, or its tenant is at its limit): try again later, not an attempt.</summary>
public sealed class JobPostponedException(string reason, TimeSpan delay) : Exception(reason)
{
    public TimeSpan Delay { get; } = delay;
}

/// <summary>A sync run failed and the job already recorded the decision on the run; the retry filter applies it to the job.</summary>
public sealed class SyncJobFailedException(RetryDecision decision, string message, Exception inner) : Exception(message, inner)
{
    public RetryDecision Decision { get; } = decision;
}
