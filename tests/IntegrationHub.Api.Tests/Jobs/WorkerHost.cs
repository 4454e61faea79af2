extern alias worker;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>
/// A real SyncWorker (its own service registration, Hangfire server, dispatcher) in-process on a test database, with
/// the test executor in place of the sync engine. Several may run against one database, as several workers do.
/// </summary>
public sealed class WorkerHost(TestDatabase database, TestSyncExecutor executor, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<worker::Program>
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

    public WorkerHost Start()
    {
        _ = Services;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:hubdb", database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", database.RedisConnectionString);
        builder.UseSetting("Secrets:KeyFile", Path.Combine(TestServers.Directory, "master.key"));
        foreach (var (key, value) in FastJobs) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(executor);
            services.AddScoped<ISyncRunExecutor, TestSyncRunExecutor>();
        });
    }
}
