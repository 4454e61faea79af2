using IntegrationHub.Benchmarks;

// The hosts started in-process (simulators, webhook apps) take the working directory as content root and watch it
// recursively for configuration changes. Run from the repository, that is every file PostgreSQL writes under .hub/
// (one inotify event and lstat per data-file write, measured as several thousand a second during B1), so the
// benchmarks work from their own output folder; nothing they read is relative to the working directory.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

// One executable, several benchmarks: the first argument picks one, so others can add theirs here.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["simulator-paging"] = SimulatorPagingBenchmark.RunAsync,
    ["b3-webhook-ingest"] = WebhookIngestBenchmark.RunAsync,
    ["b4-webhook-delivery"] = WebhookDeliveryBenchmark.RunAsync,
    ["rate-budget-xero"] = RateBudgetXeroBenchmark.RunAsync,
    ["mapping"] = MappingBenchmark.RunAsync,
    ["b1-inbound"] = InboundSyncBenchmark.RunAsync,
    ["vendor-sync"] = VendorSyncBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/IntegrationHub.Benchmarks -- <benchmark> [options]");
    Console.Error.WriteLine("benchmarks: " + string.Join(", ", benchmarks.Keys));
    return 2;
}
return await run(args[1..]);
