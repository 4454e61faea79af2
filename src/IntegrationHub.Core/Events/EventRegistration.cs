using IntegrationHub.Core.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Core.Events;

public static class EventRegistration
{
    /// <summary>The record intake and event metrics (Api and SyncWorker); needs an ISyncScheduler registration.</summary>
    public static IServiceCollection AddHubRecordIntake(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<EventMetrics>();
        services.TryAddScoped<RecordStore>();
        services.TryAddScoped<HostRecordIntake>();
        services.TryAddScoped<Conflicts.ConflictResolutionService>();
        services.TryAddScoped<Sync.DeleteQuarantineDecisions>();
        return services;
    }

    /// <summary>The SyncWorker's event processors: the outbox relay and the host-event consumer (options "Events:Outbox", "Events:HostEvents").</summary>
    public static IServiceCollection AddHubEventProcessing(this IServiceCollection services)
    {
        services.AddHubRecordIntake();
        services.AddOptions<OutboxRelayOptions>().BindConfiguration(OutboxRelayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostEventOptions>().BindConfiguration(HostEventOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<OutboxRelay>();
        services.AddScoped<HostEventProcessor>();
        services.AddSingleton<HostEventReader>();
        services.AddHostedService<OutboxRelayService>();
        services.AddHostedService<HostEventConsumer>();
        return services;
    }
}
