extern alias worker;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>In-process SyncWorkers (their own registration, Hangfire server, dispatcher) on a test database, as several workers run.</summary>
public static class WorkerHost
{
    /// <summary>Short delays so retries, postponements and schedules happen within a test.</summary>
    public static readonly IReadOnlyDictionary<string, string> FastJobs = new Dictionary<string, string>
    {
        ["Jobs:WorkerCount"] = "6",
        ["Jobs:QueuePollInterval"] = "00:00:00.250",
        ["Jobs:SchedulePollingInterval"] = "00:00:01",
        ["Jobs:DispatchInterval"] = "00:00:00.500",
        ["Jobs:PostponeDelay"] = "00:00:01",
        ["Jobs:ShutdownTimeout"] = "00:00:05",
        ["Jobs:Retry:BaseDelay"] = "00:00:01",
        ["Jobs:Retry:MaxDelay"] = "00:00:02",
        ["Jobs:Retry:MaxAttempts"] = "3",
    };

    /// <summary>A worker whose runs go to the test executor instead of the sync engine.</summary>
    public static ServiceHost<worker::Program> WithTestExecutor(TestDatabase database, TestSyncExecutor executor) =>
        new ServiceHost<worker::Program>(database, FastJobs, services =>
        {
            services.AddSingleton(executor);
            services.AddScoped<ISyncRunExecutor, TestSyncRunExecutor>();
        }).Start();

    /// <summary>The worker as it ships (the real sync engine and connectors) pointed at the simulator.</summary>
    public static ServiceHost<worker::Program> WithEngine(TestDatabase database, string simulatorUrl) =>
        new ServiceHost<worker::Program>(database, new Dictionary<string, string>(FastJobs) { ["services:simulators:http:0"] = simulatorUrl }).Start();
}
