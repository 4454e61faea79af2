using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Simulators;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// B2: several jobs share ONE Xero connection's budget. The simulator enforces Xero's limits (60 calls/min per
/// organisation, 5 concurrent, 5,000/day, 10,000/min per app) and answers 429 when they are broken; the jobs call
/// GET Invoices through the real ConnectionHttp (tokens from the secret store, budget in Redis) as fast as the budget
/// lets them. Prints calls per provider minute as a share of 60, and the 429s the simulator returned.
/// Needs the test servers (PostgreSQL and Redis, HUB_TEST_PG_PORT / HUB_TEST_REDIS_PORT).
/// Options: --seconds N (default 180), --jobs N (default 3).
/// </summary>
public static class RateBudgetXeroBenchmark
{
    private const int PublishedPerMinute = 60;

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 180);
        var jobs = Option(args, "--jobs", 3);
        await using var simulator = SimulatorHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Simulators:SeedDemo=false", "--Simulators:RateLimits:Enabled=true", "--Logging:LogLevel:Default=Warning"]);
        await simulator.StartAsync();
        var simulatorUrl = simulator.Urls.First();
        using var control = new HttpClient { BaseAddress = new Uri(simulatorUrl) };
        var org = (await Post(control, "/control/xero/organisations", new { name = "B2 Org" }))["tenantId"]!.GetValue<string>();
        await Post(control, $"/control/xero/organisations/{org}/seed", new { seed = 7, customers = 20, items = 5, invoices = 50, payments = 0 });
        var token = (await Post(control, "/control/tokens/issue", new { vendor = "xero", clientId = "xero-dev-client", tenants = new[] { org } }))["access_token"]!.GetValue<string>();

        var database = new TestDatabase();
        await database.InitializeAsync();
        try
        {
            var tenantId = Guid.CreateVersion7();
            await using var services = Services(database, simulatorUrl, tenantId);
            var connectionId = await ConnectAsync(services, tenantId, org, token);
            Console.WriteLine($"Simulator {simulatorUrl} (Xero limits on); {jobs} jobs on one connection for {seconds} s; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
            var result = await MeasureAsync(services, connectionId, jobs, TimeSpan.FromSeconds(seconds));
            Report(result, TimeSpan.FromSeconds(seconds));
            return result.Throttled == 0 ? 0 : 1;
        }
        finally
        {
            await database.DisposeAsync();
            await simulator.StopAsync();
        }
    }

    private sealed record Result(TimeSpan[] Calls, int Throttled, int OtherErrors, TimeSpan Waited, long Waits);

    private static async Task<Result> MeasureAsync(ServiceProvider services, Guid connectionId, int jobs, TimeSpan duration)
    {
        var calls = new ConcurrentBag<TimeSpan>();
        int throttled = 0, otherErrors = 0;
        using var waits = RateLimitWaitScope.Begin();
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, jobs).Select(_ => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var http = scope.ServiceProvider.GetRequiredService<ConnectionHttp>();
            var connection = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
            var url = http.ApiUrl(connection, "Invoices?page=1");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, url), stop.Token);
                    if (response.StatusCode == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref throttled);
                    else if (response.IsSuccessStatusCode) calls.Add(clock.Elapsed);
                    else Interlocked.Increment(ref otherErrors);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        })));
        return new Result([.. calls.Order()], throttled, otherErrors, waits.Waited, waits.Waits);
    }

    private static void Report(Result result, TimeSpan duration)
    {
        // Minutes counted from the moment the jobs start, as the provider counts from our first call.
        var fullMinutes = (int)duration.TotalMinutes;
        var perMinute = Enumerable.Range(0, fullMinutes)
            .Select(m => result.Calls.Count(c => c >= TimeSpan.FromMinutes(m) && c < TimeSpan.FromMinutes(m + 1))).ToArray();
        var mean = perMinute.Length == 0 ? 0 : perMinute.Average();
        Console.WriteLine();
        Console.WriteLine("| minute | calls | % of 60 |");
        Console.WriteLine("|---:|---:|---:|");
        for (var m = 0; m < perMinute.Length; m++) Console.WriteLine($"| {m + 1} | {perMinute[m]} | {Percent(perMinute[m])} |");
        Console.WriteLine();
        Console.WriteLine($"successful calls: {result.Calls.Length} in {duration.TotalSeconds:F0} s; mean over {perMinute.Length} full minutes: {mean:F1} calls/min = {Percent(mean)} of {PublishedPerMinute}");
        Console.WriteLine($"429s returned by the simulator: {result.Throttled}; other errors: {result.OtherErrors}");
        Console.WriteLine($"time spent waiting for budget (all jobs): {result.Waited.TotalSeconds:F1} s over {result.Waits} waits");
    }

    private static string Percent(double calls) => (calls / PublishedPerMinute).ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>The services a SyncWorker has for provider calls, on the test servers' PostgreSQL and Redis.</summary>
    private static ServiceProvider Services(TestDatabase database, string simulatorUrl, Guid tenantId)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:simulators:http:0"] = simulatorUrl,
            ["Secrets:KeyFile"] = Path.Combine(TestServers.Directory, "master.key"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<ITenantContext>(new FixedTenantContext(tenantId));
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(database.ConnectionString));
        services.AddSingleton(Connectors.Connectors.Catalog);
        services.AddHubSecrets(configuration, TestServers.Directory);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(database.RedisConnectionString));
        services.AddHubConnections();
        return services.BuildServiceProvider();
    }

    /// <summary>A tenant with one active Xero connection whose stored token the simulator accepts.</summary>
    private static async Task<Guid> ConnectAsync(ServiceProvider services, Guid tenantId, string org, string accessToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var tenant = new Tenant { Id = tenantId, Name = "B2", Slug = "b2-" + Guid.NewGuid().ToString("N")[..8] };
        var connection = new Connection
        {
            TenantId = tenant.Id, Provider = "xero", Environment = "simulator", DisplayName = "B2 Org",
            Status = ConnectionStatus.Active, ExternalTenantId = org, ConnectedAt = DateTimeOffset.UtcNow,
        };
        db.Tenants.Add(tenant);
        db.Connections.Add(connection);
        var now = DateTimeOffset.UtcNow;
        await scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().SaveAsync(connection,
            new TokenSet(accessToken, null, now.AddMinutes(30), null, ["accounting.transactions"], now), CancellationToken.None);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    private static async Task<JsonObject> Post(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
    }
}
