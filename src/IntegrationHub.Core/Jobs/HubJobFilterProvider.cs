using Hangfire;
using Hangfire.Common;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Hangfire's global filters minus AutomaticRetry, plus <see cref="SyncRetryFilter"/>. Given to the client and the
/// server through DI rather than by changing the static GlobalJobFilters, so several hosts in one process (tests)
/// each keep their own retry filter.
/// </summary>
public sealed class HubJobFilterProvider(SyncRetryFilter retry) : IJobFilterProvider
{
    private readonly JobFilter _retry = new(retry, JobFilterScope.Global, null);

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        JobFilterProviders.Providers.GetFilters(job).Where(f => f.Instance is not AutomaticRetryAttribute).Append(_retry);
}
