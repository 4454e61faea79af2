using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Credentials;
using IntegrationHub.Core.OAuth;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Sync.Engine;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Simulators;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// Issue 7 "Done when": per vendor, a simulated company with 10,000 invoices (500 customers, 50 items, a chart of
/// accounts) with the vendor's rate limits ON in the simulator (QBO 500/min and 10 concurrent per realm; Xero 60/min,
/// 5 concurrent, 5,000/day per organisation, 10,000/min per app) and the connection's budget built from the
/// connector's metadata (the real ConnectionHttp, budget in Redis). Times the real engine's first full sync (Account,
/// Customer, Item, Invoice), then makes 100 changes behind the hub's back through /control (50 customers renamed,
/// 50 unpaid invoices deleted in QBO / voided in Xero) and times an incremental sync. For each run it prints the
/// provider calls the simulator received, calls/min over the run and the busiest 60-second window as a share of the
/// published per-minute limit, and the 429s. Needs the test servers (HUB_TEST_PG_PORT / HUB_TEST_REDIS_PORT).
/// The seeded data is minutes old, as if a bulk import had just happened; a real company's 10,000 invoices are spread
/// over months. The engine's incremental look-back (SyncConfig.LookbackMinutes, 5 by default) would reach back into the
/// seeding burst and make the incremental re-read all of it (for QBO, a CDC answer at its 1,000-object cap, so the
/// connector falls back to the query, which does not see deletions). --lookback-minutes sets the configs' look-back;
/// the default 0 measures the steady state; 5 measures right after a bulk import.
/// Options: --invoices N (default 10000), --vendors qbo,xero (default both), --lookback-minutes N (default 0).
/// </summary>
public static class VendorSyncBenchmark
{
    private static readonly string[] Entities = [CanonicalEntities.Account, CanonicalEntities.Customer, CanonicalEntities.Item, CanonicalEntities.Invoice];

    /// <summary>What differs per vendor: connector key, simulator routes, the published per-minute limit, how a change is made.</summary>
    private sealed record Vendor(string Name, string Provider, string ControlPath, string TenantField, string ClientId, string ApiPath, int PerMinute,
        string CustomerCollection, string InvoiceCollection, Func<string, JsonObject> Rename, JsonObject? VoidPatch, string CountUrl, Func<JsonObject, int> ReadCount);

    private static readonly Vendor Qbo = new("QuickBooks Online", "quickbooks", "/control/qbo/companies", "realmId", "qbo-dev-client", "/qbo/v3/company/", 500,
        "customer", "invoice", name => new JsonObject { ["DisplayName"] = name }, null,
        "query?query=" + Uri.EscapeDataString("SELECT COUNT(*) FROM Invoice"), body => body["QueryResponse"]!["totalCount"]!.GetValue<int>());

    private static readonly Vendor Xero = new("Xero", "xero", "/control/xero/organisations", "tenantId", "xero-dev-client", "/xero/api.xro/", 60,
        "Contacts", "Invoices", name => new JsonObject { ["Name"] = name }, new JsonObject { ["Status"] = "VOIDED" },
        // The connector syncs the sales side and leaves deleted and voided documents out of a full sync.
        "Invoices?page=1&pageSize=1&where=" + Uri.EscapeDataString("Type==\"ACCREC\" AND Status!=\"DELETED\" AND Status!=\"VOIDED\""),
        body => body["pagination"]!["itemCount"]!.GetValue<int>());

    public static async Task<int> RunAsync(string[] args)
    {
        var invoices = BenchDatabase.IntOption(args, "--invoices", 10_000);
        var lookback = BenchDatabase.IntOption(args, "--lookback-minutes", 0);
        var vendors = (BenchDatabase.Option(args, "--vendors") ?? "qbo,xero").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => v.Trim().ToLowerInvariant() switch { "qbo" => Qbo, "xero" => Xero, _ => throw new ArgumentException($"unknown vendor '{v}' (qbo, xero)") })
            .ToList();
        await using var simulator = SimulatorHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Simulators:SeedDemo=false", "--Simulators:RateLimits:Enabled=true", "--Logging:LogLevel:Default=Warning"]);
        await simulator.StartAsync();
        var simulatorUrl = simulator.Urls.First();
        using var control = new HttpClient { BaseAddress = new Uri(simulatorUrl), Timeout = TimeSpan.FromMinutes(10) };
        var limits = await control.GetFromJsonAsync<JsonObject>("/control/ratelimits");
        Console.WriteLine($"Simulator {simulatorUrl}, rate limits {limits!.ToJsonString()}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        Console.WriteLine($"load average at start: {LoadAverage()}; incremental look-back {lookback} min");

        var database = new TestDatabase();
        await database.InitializeAsync();
        var failed = false;
        try
        {
            await using var services = InboundSyncBenchmark.Services(database, simulatorUrl);
            var results = new List<(Vendor Vendor, Measured Full, Measured Incremental)>();
            foreach (var vendor in vendors)
            {
                var (full, incremental, expected) = await MeasureVendorAsync(services, control, vendor, invoices, lookback);
                results.Add((vendor, full, incremental));
                failed |= full.Run.Status != SyncRunStatus.Succeeded || incremental.Run.Status != SyncRunStatus.Succeeded
                          || full.Run.Counts[CanonicalEntities.Invoice].Created != expected;
            }
            Console.WriteLine();
            Console.WriteLine($"load average at end: {LoadAverage()}");
            Console.WriteLine("| vendor | run | duration | records written | calls | calls/min | % of limit (avg) | busiest 60 s | % of limit (peak) | 429s | budget waits |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (vendor, full, incremental) in results)
            {
                Console.WriteLine(Row(vendor, "first full sync", full));
                Console.WriteLine(Row(vendor, "incremental (100 changes)", incremental));
            }
            return failed ? 1 : 0;
        }
        finally
        {
            await database.DisposeAsync();
            await simulator.StopAsync();
        }
    }

    private sealed record Measured(SyncRun Run, TimeSpan Elapsed, List<DateTimeOffset> Calls, int Throttled, int PerMinute);

    private static async Task<(Measured Full, Measured Incremental, int ExpectedInvoices)> MeasureVendorAsync(ServiceProvider services, HttpClient control, Vendor vendor, int invoices, int lookback)
    {
        var company = (await Post(control, vendor.ControlPath, new { name = "Vendor sync " + vendor.Provider, currency = "USD" }))[vendor.TenantField]!.GetValue<string>();
        var seeding = Stopwatch.StartNew();
        await Post(control, $"{vendor.ControlPath}/{company}/seed", new { seed = 17, customers = 500, items = 50, invoices, payments = 0, chartOfAccounts = true });
        Console.WriteLine();
        Console.WriteLine($"{vendor.Name}: seeded {invoices:N0} invoices, 500 customers, 50 items in {seeding.Elapsed.TotalSeconds:F1} s");
        var issued = await Post(control, "/control/tokens/issue", new { vendor = vendor.Provider == "xero" ? "xero" : "qbo", clientId = vendor.ClientId, tenants = new[] { company } });
        var (tenantId, connectionId) = await ConnectAsync(services, vendor, company, issued, lookback);
        var expected = await ExpectedInvoicesAsync(control, vendor, company, issued["access_token"]!.GetValue<string>());
        Console.WriteLine($"{vendor.Name}: the vendor's API counts {expected:N0} invoices a full sync must bring (one call, before the measured runs)");

        var full = await TimedRunAsync(services, control, vendor, tenantId, connectionId, SyncRunKind.Full);
        Print(vendor, "first full sync", full);

        var changed = await ChangeAsync(services, control, vendor, tenantId, connectionId, company);
        Console.WriteLine($"{vendor.Name}: {changed} changes made through /control");
        var incremental = await TimedRunAsync(services, control, vendor, tenantId, connectionId, SyncRunKind.Incremental);
        Print(vendor, "incremental", incremental);
        if (full.Run.Counts[CanonicalEntities.Invoice].Created != expected)
            Console.Error.WriteLine($"{vendor.Name}: the full sync created {full.Run.Counts[CanonicalEntities.Invoice].Created} invoices, expected {expected}");
        return (full, incremental, expected);
    }

    private static async Task<int> ExpectedInvoicesAsync(HttpClient control, Vendor vendor, string company, string token)
    {
        var prefix = vendor.Provider == "xero" ? "/xero/api.xro/2.0/" : $"/qbo/v3/company/{company}/";
        using var request = new HttpRequestMessage(HttpMethod.Get, prefix + vendor.CountUrl);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.ParseAdd("application/json");
        if (vendor.Provider == "xero") request.Headers.Add("xero-tenant-id", company);
        using var response = await control.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return vendor.ReadCount((await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    /// <summary>Runs the engine once over <see cref="Entities"/> and collects what the simulator received meanwhile.</summary>
    private static async Task<Measured> TimedRunAsync(ServiceProvider services, HttpClient control, Vendor vendor, Guid tenantId, Guid connectionId, SyncRunKind kind)
    {
        var mark = await LastSequenceAsync(control);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        var run = new SyncRun { TenantId = tenantId, ConnectionId = connectionId, Kind = kind, Trigger = SyncTrigger.Manual, Entities = Entities };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var clock = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<ISyncRunExecutor>().ExecuteAsync(run.Id, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var finished = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        var requests = await control.GetFromJsonAsync<JsonElement>($"/control/requests?after={mark}&limit=10000");
        var calls = requests.EnumerateArray().Where(r => r.GetProperty("path").GetString()!.StartsWith(vendor.ApiPath, StringComparison.Ordinal)).ToList();
        return new Measured(finished, elapsed, [.. calls.Select(c => c.GetProperty("at").GetDateTimeOffset()).Order()],
            calls.Count(c => c.GetProperty("status").GetInt32() == 429), vendor.PerMinute);
    }

    /// <summary>50 customers renamed and 50 unpaid invoices deleted (QBO) or voided (Xero), picked from what the hub stored.</summary>
    private static async Task<int> ChangeAsync(ServiceProvider services, HttpClient control, Vendor vendor, Guid tenantId, Guid connectionId, string company)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var customers = await db.Records.Where(r => r.ConnectionId == connectionId && r.Entity == CanonicalEntities.Customer && r.DeletedAt == null)
            .OrderBy(r => r.ExternalId).Select(r => r.ExternalId).Take(50).ToListAsync();
        var invoices = (await db.Records.AsNoTracking().Where(r => r.ConnectionId == connectionId && r.Entity == CanonicalEntities.Invoice && r.DeletedAt == null)
                .OrderBy(r => r.ExternalId).Take(2_000).ToListAsync())
            .Where(r => Unpaid(r.Data.RootElement) && (vendor.VoidPatch is null || Status(r.Data.RootElement) == "authorised"))
            .Select(r => r.ExternalId).Take(50).ToList();
        var changes = 0;
        foreach (var id in customers)
        {
            (await control.PatchAsJsonAsync($"{vendor.ControlPath}/{company}/{vendor.CustomerCollection}/{id}", vendor.Rename($"Renamed {id}"))).EnsureSuccessStatusCode();
            changes++;
        }
        foreach (var id in invoices)
        {
            var url = $"{vendor.ControlPath}/{company}/{vendor.InvoiceCollection}/{id}";
            (await (vendor.VoidPatch is { } patch ? control.PatchAsJsonAsync(url, patch) : control.DeleteAsync(url))).EnsureSuccessStatusCode();
            changes++;
        }
        return changes;
    }

    private static bool Unpaid(JsonElement invoice) =>
        !invoice.TryGetProperty("amountPaid", out var paid) || paid.ValueKind != JsonValueKind.Number || paid.GetDecimal() == 0m;

    private static string? Status(JsonElement invoice) =>
        invoice.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null;

    private static void Print(Vendor vendor, string name, Measured m)
    {
        var invoices = m.Run.Counts.TryGetValue(CanonicalEntities.Invoice, out var i) ? i : null;
        var customers = m.Run.Counts.TryGetValue(CanonicalEntities.Customer, out var c) ? c : null;
        Console.WriteLine($"{vendor.Name} {name}: {m.Run.Status} in {m.Elapsed.TotalSeconds:F1} s, {m.Run.Pages} pages; invoices created/updated/deleted/failed "
            + $"{invoices?.Created}/{invoices?.Updated}/{invoices?.Deleted}/{invoices?.Failed}; customers {customers?.Created}/{customers?.Updated}/{customers?.Deleted}/{customers?.Failed}; "
            + $"{m.Calls.Count} calls, {m.Throttled} 429s, busiest 60 s {Busiest(m.Calls)} calls; rate-limit waits {m.Run.RateLimitWaitMs / 1000.0:F1} s"
            + (m.Run.Error is { } error ? $"; error: {error}" : ""));
    }

    private static string Row(Vendor vendor, string name, Measured m)
    {
        var perMinute = m.Calls.Count / Math.Max(m.Elapsed.TotalMinutes, 1e-9);
        var busiest = Busiest(m.Calls);
        var written = m.Run.Counts.Values.Sum(c => c.Created + c.Updated + c.Deleted);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {vendor.Name} | {name} | {m.Elapsed.TotalSeconds:F1} s | {written:N0} | {m.Calls.Count} | {perMinute:F1} | {perMinute / m.PerMinute:P1} of {m.PerMinute}/min | {busiest} | {(double)busiest / m.PerMinute:P1} | {m.Throttled} | {m.Run.RateLimitWaitMs / 1000.0:F1} s |");
    }

    /// <summary>The most calls in any 60-second window (what the provider's per-minute limit compares against).</summary>
    private static int Busiest(List<DateTimeOffset> sorted)
    {
        var best = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= TimeSpan.FromMinutes(1)) start++;
            best = Math.Max(best, end - start + 1);
        }
        return best;
    }

    private static async Task<long> LastSequenceAsync(HttpClient control)
    {
        var last = await control.GetFromJsonAsync<JsonElement>("/control/requests?limit=1");
        return last.GetArrayLength() == 0 ? 0 : last[0].GetProperty("sequence").GetInt64();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>A tenant with an active connection (simulator-issued tokens in the secret store) and inbound configs for the synced entities.</summary>
    private static async Task<(Guid TenantId, Guid ConnectionId)> ConnectAsync(ServiceProvider services, Vendor vendor, string company, JsonObject issued, int lookback)
    {
        await using var scope = services.CreateAsyncScope();
        var tenant = new Tenant { Name = "Vendor sync", Slug = "vendor-sync-" + Guid.NewGuid().ToString("N")[..8] };
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var connection = new Connection
        {
            TenantId = tenant.Id, Provider = vendor.Provider, Environment = "simulator", DisplayName = vendor.Name + " " + company,
            Status = ConnectionStatus.Active, ExternalTenantId = company, ConnectedAt = DateTimeOffset.UtcNow,
        };
        db.Tenants.Add(tenant);
        db.Connections.Add(connection);
        foreach (var entity in Entities)
            db.SyncConfigs.Add(new SyncConfig { TenantId = tenant.Id, ConnectionId = connection.Id, Entity = entity, Direction = SyncDirection.Inbound, LookbackMinutes = lookback });
        var now = DateTimeOffset.UtcNow;
        string[] scopes = vendor.Provider == "xero"
            ? ["accounting.transactions", "accounting.contacts", "accounting.settings", "offline_access"]
            : ["com.intuit.quickbooks.accounting"];
        await scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().SaveAsync(connection,
            new TokenSet(issued["access_token"]!.GetValue<string>(), issued["refresh_token"]?.GetValue<string>(), now.AddSeconds(issued["expires_in"]!.GetValue<long>()),
                now.AddDays(60), scopes, now), CancellationToken.None);
        await db.SaveChangesAsync();
        return (tenant.Id, connection.Id);
    }

    private static async Task<JsonObject> Post(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
