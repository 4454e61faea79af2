using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Starts the simulators on loopback Kestrel, seeds 100,000 invoices per vendor and pages through
/// them over real HTTP (QBO query STARTPOSITION/MAXRESULTS, Xero page/pageSize), printing records/s.
/// Options: --invoices N (default 100000).
/// </summary>
public static class SimulatorPagingBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var invoices = args.Length >= 2 && args[0] == "--invoices" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        await using var app = SimulatorHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Simulators:SeedDemo=false", "--Simulators:RateLimits:Enabled=false", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        Console.WriteLine($"Simulator on {baseUrl}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");

        var realm = (await Post(http, "/control/qbo/companies", new { name = "Bench Co" }))["realmId"]!.GetValue<string>();
        var tenant = (await Post(http, "/control/xero/organisations", new { name = "Bench Org" }))["tenantId"]!.GetValue<string>();
        var seed = new { seed = 7, customers = 500, items = 50, invoices, payments = 1000 };
        var qboSeed = await Timed(() => Post(http, $"/control/qbo/companies/{realm}/seed", seed));
        var xeroSeed = await Timed(() => Post(http, $"/control/xero/organisations/{tenant}/seed", seed));
        Console.WriteLine($"seed QBO  {invoices:N0} invoices: {qboSeed.TotalSeconds:F2} s");
        Console.WriteLine($"seed Xero {invoices:N0} invoices: {xeroSeed.TotalSeconds:F2} s");

        var qboToken = await Token(http, "qbo", "qbo-dev-client", realm);
        var xeroToken = await Token(http, "xero", "xero-dev-client", tenant);
        // Warm-up: JIT and tiered compilation would otherwise be billed to the first measured run.
        for (var i = 0; i < 3; i++)
        {
            await PageQbo(http, qboToken, realm, 1000);
            await PageXero(http, xeroToken, tenant, 1000);
        }
        Console.WriteLine();
        Console.WriteLine("| vendor | page size | pages | records | seconds | records/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var size in new[] { 100, 1000 })
        {
            await Report("QBO query", size, () => PageQbo(http, qboToken, realm, size));
            await Report("Xero Invoices", size, () => PageXero(http, xeroToken, tenant, size));
        }
        await app.StopAsync();
        return 0;
    }

    private static async Task Report(string vendor, int size, Func<Task<(int Pages, int Records)>> run)
    {
        var watch = Stopwatch.StartNew();
        var (pages, records) = await run();
        watch.Stop();
        Console.WriteLine($"| {vendor} | {size} | {pages} | {records:N0} | {watch.Elapsed.TotalSeconds:F2} | {records / watch.Elapsed.TotalSeconds:N0} |");
    }

    private static async Task<(int, int)> PageQbo(HttpClient http, string token, string realm, int size)
    {
        int pages = 0, records = 0;
        for (var start = 1; ; start += size)
        {
            var query = Uri.EscapeDataString($"SELECT * FROM Invoice STARTPOSITION {start} MAXRESULTS {size}");
            var count = await Count(http, token, null, $"/qbo/v3/company/{realm}/query?query={query}", "QueryResponse", "Invoice");
            if (count == 0) return (pages, records);
            pages++;
            records += count;
        }
    }

    private static async Task<(int, int)> PageXero(HttpClient http, string token, string tenant, int size)
    {
        int pages = 0, records = 0;
        for (var page = 1; ; page++)
        {
            var count = await Count(http, token, tenant, $"/xero/api.xro/2.0/Invoices?page={page}&pageSize={size}", null, "Invoices");
            if (count == 0) return (pages, records);
            pages++;
            records += count;
        }
    }

    /// <summary>Parses each page fully, as a connector would, and counts its records.</summary>
    private static async Task<int> Count(HttpClient http, string token, string? tenant, string url, string? wrapper, string array)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is not null) request.Headers.Add("xero-tenant-id", tenant);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var doc = await JsonDocument.ParseAsync(stream);
        var root = wrapper is null ? doc.RootElement : doc.RootElement.GetProperty(wrapper);
        return root.TryGetProperty(array, out var items) ? items.GetArrayLength() : 0;
    }

    private static async Task<JsonObject> Post(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<string> Token(HttpClient http, string vendor, string clientId, string tenant) =>
        (await Post(http, "/control/tokens/issue", new { vendor, clientId, tenants = new[] { tenant } }))["access_token"]!.GetValue<string>();

    private static async Task<TimeSpan> Timed(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}
