using Hangfire;
using Hangfire.Storage;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// One Hangfire recurring job per enabled sync config, id <c>sync:{connectionId}:{entity}</c>, stored in Hangfire's
/// PostgreSQL tables so schedules survive restarts; Hangfire's recurring scheduler takes a distributed lock, so
/// several workers never fire one schedule twice.
/// </summary>
public sealed class SyncSchedules(IRecurringJobManagerV2 recurring, JobStorage storage)
{
    public static string JobId(Guid connectionId, string entity) => $"sync:{connectionId}:{entity}";

    /// <summary>Adds or updates the schedule of an enabled config, removes that of a disabled one.</summary>
    public void Apply(SyncConfig config)
    {
        if (!config.Enabled)
        {
            Remove(config.ConnectionId, config.Entity);
            return;
        }
        var (cron, error) = ScheduleCron.For(config);
        if (cron is null) throw new ArgumentException(error, nameof(config));
        var (tenantId, connectionId, entity) = (config.TenantId, config.ConnectionId, config.Entity);
        recurring.AddOrUpdate<ScheduledSyncJob>(JobId(connectionId, entity), JobQueues.Sync,
            j => j.RunAsync(tenantId, connectionId, entity, CancellationToken.None), cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
    }

    public void Remove(Guid connectionId, string entity) => recurring.RemoveIfExists(JobId(connectionId, entity));

    /// <summary>Every schedule of a connection, including any whose config row is already gone.</summary>
    public int RemoveConnection(Guid connectionId)
    {
        var prefix = $"sync:{connectionId}:";
        using var connection = storage.GetConnection();
        var ids = connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var id in ids) recurring.RemoveIfExists(id);
        return ids.Count;
    }

    public IReadOnlyList<RecurringJobDto> ForConnection(Guid connectionId)
    {
        var prefix = $"sync:{connectionId}:";
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }
}
