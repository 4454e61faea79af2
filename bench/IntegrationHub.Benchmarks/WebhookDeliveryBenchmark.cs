using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Webhooks;
using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// B4: outbox events → fan-out → signed Standard Webhooks deliveries to a loopback receiver, with the SyncWorker's
/// fan-out and delivery processors running as they do in the worker (Webhooks:Delivery:Loops delivery loops). Phase 1 (burst): N events
/// already in the outbox, deliveries/s until all are acknowledged. Phase 2 (sustained): events written at a fixed rate;
/// enqueue-to-send latency = receiver arrival time − the event's outbox timestamp (the body's "timestamp").
/// Options: --db CS (required) --burst N (20000) --rate N/s (2000) --seconds N (10).
/// </summary>
public static class WebhookDeliveryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var db = BenchDatabase.ConnectionString(args);
        var burst = BenchDatabase.IntOption(args, "--burst", 20_000);
        var rate = BenchDatabase.IntOption(args, "--rate", 2_000);
        var seconds = BenchDatabase.IntOption(args, "--seconds", 10);

        var received = new ConcurrentQueue<(DateTimeOffset At, string Body)>();
        var receiverBuilder = WebApplication.CreateSlimBuilder();
        receiverBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        receiverBuilder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var receiver = receiverBuilder.Build();
        receiver.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            received.Enqueue((DateTimeOffset.UtcNow, await reader.ReadToEndAsync()));
            return Results.Ok();
        });
        await receiver.StartAsync();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Secrets:KeyFile"] = Path.Combine(Path.GetTempPath(), "hub-bench-master.key"),
            ["Webhooks:AllowedNetworks:0"] = "127.0.0.0/8",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(db));
        services.AddHubSecrets(configuration, AppContext.BaseDirectory);
        services.AddHubWebhookProcessing(configuration, isProduction: false);
        await using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value;

        var (tenantId, _) = await BenchDatabase.SeedAsync(db, "quickbooks", "b4-" + Guid.NewGuid().ToString("N")[..8]);
        await using (var scope = provider.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var endpoint = new WebhookEndpoint { TenantId = tenantId, Url = receiver.Urls.First() + "/hook", EventTypes = ["record.*"] };
            await EndpointSecrets.RotateAsync(scope.ServiceProvider.GetRequiredService<ISecretStore>(), endpoint, DateTimeOffset.UtcNow, TimeSpan.FromDays(1), default);
            context.WebhookEndpoints.Add(endpoint);
            await context.SaveChangesAsync();
        }
        Console.WriteLine($"Receiver on {receiver.Urls.First()}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; {options.Loops} delivery loops, batch {options.BatchSize}, {options.Concurrency} sends in flight");
        await using var data = NpgsqlDataSource.Create(db);

        // Phase 1: burst.
        await EmitAsync(data, tenantId, burst);
        using var stop = new CancellationTokenSource();
        var workers = StartWorkers(provider, stop.Token);
        var t0 = Stopwatch.GetTimestamp();
        while (received.Count < burst && Stopwatch.GetElapsedTime(t0) < TimeSpan.FromMinutes(3)) await Task.Delay(20);
        var burstSeconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        Console.WriteLine($"B4 burst: {received.Count} signed deliveries in {burstSeconds:F1} s = {received.Count / burstSeconds:F0}/s (fan-out included)");

        // Phase 2: sustained rate.
        received.Clear();
        var total = rate * seconds;
        var start = Stopwatch.GetTimestamp();
        for (var tick = 0; tick < seconds * 10; tick++)
        {
            await EmitAsync(data, tenantId, rate / 10);
            var due = start + (long)((tick + 1) * 0.1 * Stopwatch.Frequency);
            var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
            if (wait > 0) await Task.Delay((int)wait);
        }
        var drain = Stopwatch.GetTimestamp();
        while (received.Count < total && Stopwatch.GetElapsedTime(drain) < TimeSpan.FromSeconds(60)) await Task.Delay(20);
        var sustainedSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var latencies = received.Select(r => (r.At - DateTimeOffset.Parse(JsonDocument.Parse(r.Body).RootElement.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).TotalMilliseconds)
            .Order().ToList();
        Console.WriteLine($"B4 sustained: {received.Count}/{total} delivered at {rate}/s offered over {sustainedSeconds:F1} s; enqueue-to-send p50 {BenchDatabase.Percentile(latencies, 0.5):F0} ms, " +
                          $"p99 {BenchDatabase.Percentile(latencies, 0.99):F0} ms, max {(latencies.Count > 0 ? latencies[^1] : 0):F0} ms");
        return received.Count == total ? 0 : 1;
    }

    /// <summary>
    /// Writes <paramref name="count"/> record.updated events to the outbox in one statement (what Emit + SaveChanges
    /// stores, without spending the benchmark's CPU on the producer), stamped with the time they were enqueued.
    /// </summary>
    private static async Task EmitAsync(NpgsqlDataSource data, Guid tenantId, int count)
    {
        await using var command = data.CreateCommand("""
            INSERT INTO outbox_events (event_id, tenant_id, type, payload, occurred_at)
            SELECT gen_random_uuid(), @tenant, @type, jsonb_build_object('entity', 'Invoice', 'id', 'inv-' || g, 'amount', 125.50), @now
            FROM generate_series(1, @count) AS g
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("type", EventTypes.RecordUpdated);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The SyncWorker's loops as WebhookFanoutWorker and WebhookDeliveryWorker run them: one fan-out loop polling the
    /// outbox every 100 ms, Webhooks:Delivery:Loops delivery loops woken by fan-out (SKIP LOCKED lets them share the queue).
    /// </summary>
    private static Task[] StartWorkers(IServiceProvider provider, CancellationToken ct)
    {
        async Task Loop(Func<CancellationToken, Task<int>> batch, Func<Task> idle)
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    if (await batch(ct) > 0) continue;
                    await idle();
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }
        var fanout = provider.GetRequiredService<WebhookFanout>();
        var delivery = provider.GetRequiredService<WebhookDelivery>();
        var signal = provider.GetRequiredService<DeliverySignal>();
        var options = provider.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        return
        [
            Task.Run(() => Loop(fanout.FanOutBatchAsync, () => Task.Delay(100, ct))),
            .. Enumerable.Range(0, options.Loops).Select(_ => Task.Run(() => Loop(delivery.DeliverBatchAsync, () => signal.WaitAsync(options.IdlePoll, ct)))),
        ];
    }
}
