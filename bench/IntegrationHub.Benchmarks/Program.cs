using IntegrationHub.Benchmarks;

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
