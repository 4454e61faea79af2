using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using IntegrationHub.Core.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire client side (enqueue, schedules, dead-letter) on the hub database, for every process that queues work.
    /// Storage, activator and filters are DI singletons rather than Hangfire's statics, so several hosts in one process
    /// (tests) never share them. The schema is not prepared here: the migrator installs it.
    /// </summary>
    public static IServiceCollection AddHubJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobOptions>, JobOptionsValidator>();
        services.AddOptions<RetentionOptions>().Configure(o =>
        {
            o.RunRetention = configuration.GetValue("Sync:RunRetention", o.RunRetention);
            o.TombstoneRetention = configuration.GetValue("Records:TombstoneRetention", o.TombstoneRetention);
        }).Validate(o => o.RunRetention > TimeSpan.Zero && o.TombstoneRetention > TimeSpan.Zero && o.BatchSize > 0,
            "Sync:RunRetention and Records:TombstoneRetention must be positive.").ValidateOnStart();
        services.AddSingleton(new HubJobsDatabase(connectionString));
        services.AddSingleton<JobStorage>(sp =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            var storage = new PostgreSqlStorageOptions
            {
                SchemaName = HangfireSchema.Name,
                PrepareSchemaIfNecessary = false,
                InvisibilityTimeout = jobs.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
                QueuePollInterval = jobs.QueuePollInterval,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storage), storage);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<SyncRetryFilter>();
        services.AddSingleton<IJobFilterProvider, HubJobFilterProvider>();
        services.AddHangfire((sp, c) => c
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        services.AddSingleton<SyncRunDispatcher>();
        services.AddSingleton<SyncRunOutcomes>();
        services.AddSingleton<SyncSchedules>();
        services.AddScoped<ISyncScheduler, SyncScheduler>();
        services.AddScoped<DeadLetters>();
        services.AddTransient<SyncRunJob>();
        services.AddTransient<ScheduledSyncJob>();
        services.AddTransient<TokenMaintenanceJob>();
        services.AddTransient<RetentionJob>();
        return services;
    }

    /// <summary>
    /// The job server of a SyncWorker: workers on the sync, push and maintenance queues, the dispatch loop for queued
    /// runs, and the maintenance schedules. Needs an <see cref="ISyncRunExecutor"/> (AddHubSyncEngine).
    /// </summary>
    public static IServiceCollection AddHubJobServer(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddHubJobs(configuration, connectionString);
        services.AddHangfireServer((sp, o) =>
        {
            var jobs = sp.GetRequiredService<IOptions<JobOptions>>().Value;
            o.Queues = JobQueues.All;
            o.WorkerCount = jobs.WorkerCount;
            o.SchedulePollingInterval = jobs.SchedulePollingInterval;
            o.ShutdownTimeout = jobs.ShutdownTimeout;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
        });
        services.AddHostedService<SyncRunDispatchService>();
        services.AddHostedService<MaintenanceScheduleRegistrar>();
        return services;
    }
}
