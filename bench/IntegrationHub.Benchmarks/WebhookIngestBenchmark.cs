extern alias receiver;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using ReceiverServices = receiver::IntegrationHub.WebhookReceiver.ReceiverServices;
using WebhookEndpoints = receiver::IntegrationHub.WebhookReceiver.WebhookEndpoints;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// B3: the real receiver pipeline (verify intuit-signature on the raw body, parse, resolve the connection, group-commit
/// to inbox_events, acknowledge) on loopback Kestrel, driven by an HttpClient load generator with many concurrent
/// connections sending signed QBO CloudEvents with unique ids; then the same generator against a trivial endpoint of
/// the same host. Reports requests/s and ack latency percentiles, and checks every acknowledged event is in the inbox.
/// Options: --db CS (required) --seconds N (10) --connections N (64).
/// </summary>
public static class WebhookIngestBenchmark
{
    private const string Key = "qbo-dev-verifier-token";

    public static async Task<int> RunAsync(string[] args)
    {
        var db = BenchDatabase.ConnectionString(args);
        var seconds = BenchDatabase.IntOption(args, "--seconds", 10);
        var connections = BenchDatabase.IntOption(args, "--connections", 64);
        var realm = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var (_, connectionId) = await BenchDatabase.SeedAsync(db, "quickbooks", realm);

        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0", "--environment", "Production"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:hubdb"] = db;
        builder.Configuration["Providers:DefaultEnvironment"] = "simulator";
        builder.Configuration["Secrets:KeyFile"] = Path.Combine(Path.GetTempPath(), "hub-bench-master.key");
        ReceiverServices.AddReceiverServices(builder);
        await using var app = builder.Build();
        WebhookEndpoints.MapWebhookEndpoints(app);
        app.MapPost("/trivial", () => Results.Ok());
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        Console.WriteLine($"Receiver on {baseUrl}; {Environment.ProcessorCount} cores; .NET {Environment.Version}; {connections} connections, {seconds} s per phase");

        // Warm-up (JIT, pools, connection cache), not measured.
        await LoadAsync(baseUrl, "/webhooks/quickbooks", realm, 2, connections, true);
        var (webhookRate, webhookLatencies, sent) = await LoadAsync(baseUrl, "/webhooks/quickbooks", realm, seconds, connections, true);
        var (trivialRate, trivialLatencies, _) = await LoadAsync(baseUrl, "/trivial", realm, seconds, connections, false);

        await using var data = NpgsqlDataSource.Create(db);
        await using var count = data.CreateCommand("SELECT count(*) FROM inbox_events WHERE connection_id = @c");
        count.Parameters.AddWithValue("c", connectionId);
        var stored = (long)(await count.ExecuteScalarAsync())!;

        Console.WriteLine($"B3 verified+persisted webhooks: {webhookRate:F0}/s, ack p50 {BenchDatabase.Percentile(webhookLatencies, 0.5):F1} ms, p99 {BenchDatabase.Percentile(webhookLatencies, 0.99):F1} ms, max {webhookLatencies[^1]:F1} ms");
        Console.WriteLine($"B3 trivial endpoint, same host:  {trivialRate:F0}/s, p50 {BenchDatabase.Percentile(trivialLatencies, 0.5):F1} ms, p99 {BenchDatabase.Percentile(trivialLatencies, 0.99):F1} ms");
        Console.WriteLine($"B3 inbox rows for the connection: {stored} (acknowledged in all phases incl. warm-up: {sent})");
        return stored == sent ? 0 : 1;
    }

    private static async Task<(double Rate, List<double> Latencies, long Sent)> LoadAsync(string baseUrl, string path, string realm, int seconds, int connections, bool signed)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseCookies = false })
        {
            BaseAddress = new Uri(baseUrl),
        };
        // Bodies and signatures are built before the clock starts, so the generator spends its share of the CPU on HTTP.
        var prepared = Enumerable.Range(0, connections).Select(worker => Prepare(realm, worker, PreparedPerWorker(seconds, connections))).ToArray();
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var all = new List<double>[connections];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
        {
            var latencies = all[worker] = new List<double>(100_000);
            var mine = prepared[worker];
            for (var i = 0; Stopwatch.GetTimestamp() < until; i++)
            {
                var (body, signature) = i < mine.Length ? mine[i] : Prepare(realm, worker, 1)[0];
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = Json;
                if (signed) request.Headers.TryAddWithoutValidation("intuit-signature", signature);
                var t0 = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (response.IsSuccessStatusCode) latencies.Add(ms);
                else Interlocked.Increment(ref failures);
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (failures > 0) Console.WriteLine($"  {failures} requests to {path} failed");
        var merged = all.SelectMany(l => l).Order().ToList();
        return (merged.Count / elapsed, merged, signed ? SentTotal += merged.Count : merged.Count);
    }

    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Enough for ~8,000 requests/s per phase; past that, the worker builds the rest on the fly.</summary>
    private static int PreparedPerWorker(int seconds, int connections) => Math.Min(seconds * 8_000, 400_000) / connections + 1;

    /// <summary>Signed QBO CloudEvents bodies with unique ids (unique dedupe keys, so each one is a new inbox row).</summary>
    private static (byte[] Body, string Signature)[] Prepare(string realm, int worker, int count)
    {
        var key = Encoding.UTF8.GetBytes(Key);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var body = Encoding.UTF8.GetBytes(
                $$$"""[{"specversion":"1.0","id":"{{{Guid.NewGuid()}}}","source":"intuit.bench","type":"qbo.invoice.updated.v1","datacontenttype":"application/json","time":"2026-11-29T10:00:00Z","intuitentityid":"{{{worker}}}","intuitaccountid":"{{{realm}}}","data":{}}]""");
            return (body, Convert.ToBase64String(HMACSHA256.HashData(key, body)));
        }).ToArray();
    }

    private static long SentTotal;
}
