using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Replaces Hangfire's AutomaticRetry. A failed job becomes Scheduled again or stays Failed (the dead-letter state):
/// postponed runs are rescheduled without counting an attempt; sync runs carry the decision <see cref="SyncRunJob"/>
/// already recorded; any other job (maintenance) is classified here, with its attempts counted in a job parameter.
/// </summary>
public sealed class SyncRetryFilter(IOptions<JobOptions> options, ILogger<SyncRetryFilter> logger) : IElectStateFilter
{
    public const string RetryCountParameter = "RetryCount";

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is not FailedState failed) return;
        switch (failed.Exception)
        {
            case JobPostponedException postponed:
                context.CandidateState = new ScheduledState(postponed.Delay) { Reason = "Postponed: " + postponed.Message };
                return;
            case SyncJobFailedException { Decision.Action: RetryAction.Retry } retry:
                context.CandidateState = new ScheduledState(NoEarlierThan(retry.Decision.Delay)) { Reason = retry.Decision.Reason };
                return;
            case SyncJobFailedException:
                return;
        }

        var attempt = context.GetJobParameter<int>(RetryCountParameter, allowStale: true) + 1;
        var decision = RetryPolicy.Decide(failed.Exception, attempt, 0, options.Value.Retry, Random.Shared.NextDouble());
        if (decision.Action != RetryAction.Retry)
        {
            logger.LogWarning("Job {JobId} failed for good: {Reason}", context.BackgroundJob.Id, decision.Reason);
            return;
        }
        context.SetJobParameter(RetryCountParameter, attempt);
        context.CandidateState = new ScheduledState(NoEarlierThan(decision.Delay)) { Reason = decision.Reason };
    }

    /// <summary>
    /// Hangfire keeps a scheduled job's due time in whole seconds (truncated), so a job scheduled 1.5 s ahead can come
    /// due after 0.5 s. A retry must not come back before the provider's Retry-After: one second more guarantees it.
    /// </summary>
    public static TimeSpan NoEarlierThan(TimeSpan delay) => delay + TimeSpan.FromSeconds(1);
}
