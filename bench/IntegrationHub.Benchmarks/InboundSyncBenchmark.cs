using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors;
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
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace IntegrationHub.Benchmarks;

/// <summary>
/// B1: the real engine's full inbound sync of QBO invoices (1–3 lines each, seeded by the in-process simulator with
/// rate limits off) into the record store of a fresh test database, through the real QuickBooks connector and
/// ConnectionHttp. The invoices' customers and items are synced first (not timed) so references resolve. Before the
/// engine run, the connector alone reads every page (simulator + HTTP + JSON + mapping, nothing stored) to show what the
/// read side costs. Then the rows the engine stored in <c>records</c> for those invoices (the external side: one row
/// per pulled invoice, every column: canonical JSON, raw payload, hash…) are written again with Npgsql binary COPY into
/// a scratch table made <c>LIKE records INCLUDING ALL</c> (same columns and indexes), as the floor any record store can
/// reach; and every row the run wrote (both record sides, versions, links, outbox events: <see cref="EngineRowsCopy"/>),
/// as the same-rows floor. Prints the rates, both ratios, /proc/loadavg and the CPU time of this process and PostgreSQL.
/// Needs the test servers (HUB_TEST_PG_PORT / HUB_TEST_REDIS_PORT). Options: --count N (default 100000).
/// </summary>
public static class InboundSyncBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = BenchDatabase.IntOption(args, "--count", 100_000);
        var warmup = BenchDatabase.IntOption(args, "--warmup", 30_000);
        await using var simulator = SimulatorHost.Build(
            ["--urls", "http://127.0.0.1:0", "--Simulators:SeedDemo=false", "--Simulators:RateLimits:Enabled=false", "--Logging:LogLevel:Default=Warning"]);
        await simulator.StartAsync();
        var simulatorUrl = simulator.Urls.First();
        using var control = new HttpClient { BaseAddress = new Uri(simulatorUrl), Timeout = TimeSpan.FromMinutes(10) };
        var seeding = Stopwatch.StartNew();
        var (realm, issued) = await CompanyAsync(control, "B1 Company", count, seed: 11);
        Console.WriteLine($"Seeded {count:N0} invoices (500 customers, 50 items) in {seeding.Elapsed.TotalSeconds:F1} s");

        var database = new TestDatabase();
        await database.InitializeAsync();
        try
        {
            await using var services = Services(database, simulatorUrl);
            if (warmup > 0)
            {
                // A SyncWorker is a long-running process: by the time it syncs a tenant's 100,000 invoices, the engine's hot
                // paths are compiled at their final tier. The warm-up runs the same engine over another company in another
                // tenant first (untimed for the targets; its cold-start rate is printed), so the timed run is not mostly
                // the JIT's tier-up of EF Core, Npgsql, System.Text.Json and the engine.
                var (warmRealm, warmIssued) = await CompanyAsync(control, "B1 warm-up", warmup, seed: 12);
                var (warmTenant, warmConnection) = await ConnectAsync(services, warmRealm, warmIssued);
                await RunAsync(services, warmTenant, warmConnection, [CanonicalEntities.Customer, CanonicalEntities.Item]);
                var warmClock = Stopwatch.StartNew();
                var warmRun = await RunAsync(services, warmTenant, warmConnection, [CanonicalEntities.Invoice]);
                Console.WriteLine($"Warm-up (cold process): {warmRun.Counts[CanonicalEntities.Invoice].Created:N0} invoices of another company in {warmClock.Elapsed.TotalSeconds:F1} s = {warmup / warmClock.Elapsed.TotalMinutes:N0} records/min");
            }
            var (tenantId, connectionId) = await ConnectAsync(services, realm, issued);
            await RunAsync(services, tenantId, connectionId, [CanonicalEntities.Customer, CanonicalEntities.Item]);
            var (readHeap, readCpu) = (HeapWork.Start(), CpuTime.Process());
            var read = await ReadOnlyAsync(services, tenantId, connectionId);
            readCpu = CpuTime.Process() - readCpu;
            Console.WriteLine($"Connector alone: {read.Records:N0} invoices in {read.Pages} pages read and mapped in {read.Elapsed.TotalSeconds:F1} s = {read.Records / read.Elapsed.TotalMinutes:N0} records/min, CPU {readCpu.TotalSeconds:F1} s; {readHeap.Describe(read.Records)}");

            var loadBefore = LoadAverage();
            var pgData = Path.Combine(TestServers.Directory, "postgres", "data");
            var (appCpu, pgCpu) = (CpuTime.Process(), CpuTime.Postgres(pgData));
            var heap = HeapWork.Start();
            var clock = Stopwatch.StartNew();
            var run = await RunAsync(services, tenantId, connectionId, [CanonicalEntities.Invoice]);
            var engine = clock.Elapsed;
            var engineHeap = heap.Describe(count);
            (appCpu, pgCpu) = (CpuTime.Process() - appCpu, CpuTime.Postgres(pgData) - pgCpu);
            var counts = run.Counts[CanonicalEntities.Invoice];
            Console.WriteLine($"Engine run {run.Status}: {counts.Processed:N0} processed, {counts.Created:N0} created, {counts.Failed:N0} failed, {run.Pages} pages");
            if (run.Status != SyncRunStatus.Succeeded || counts.Created != count)
            {
                Console.Error.WriteLine($"B1 expected {count} created invoices; the run was {run.Status} ({run.Error}).");
                return 1;
            }

            var copy = await CopyAsync(database, connectionId);
            var all = await EngineRowsCopy.RunAsync(database.ConnectionString, pgData, tenantId, connectionId, run.Id, CanonicalEntities.Invoice);
            var engineRate = count / engine.TotalMinutes;
            var copyRate = copy.Rows / copy.Elapsed.TotalMinutes;
            var (allRows, allTime, allCpu) = (all.Sum(t => t.Rows), TimeSpan.FromTicks(all.Sum(t => t.Elapsed.Ticks)), TimeSpan.FromTicks(all.Sum(t => t.PostgresCpu.Ticks)));
            var allInvoiceRate = count / allTime.TotalMinutes;
            Console.WriteLine();
            Console.WriteLine("binary COPY of every row the engine run wrote, into LIKE … INCLUDING ALL tables:");
            foreach (var t in all)
                Console.WriteLine($"  {t.Name,-16} {t.Rows,9:N0} rows in {t.Elapsed.TotalSeconds,6:F2} s = {t.Rows / t.Elapsed.TotalMinutes,12:N0} rows/min; PostgreSQL CPU {t.PostgresCpu.TotalSeconds:F1} s");
            Console.WriteLine($"  all              {allRows,9:N0} rows in {allTime.TotalSeconds,6:F2} s = {allRows / allTime.TotalMinutes,12:N0} rows/min = {allInvoiceRate:N0} invoices/min; PostgreSQL CPU {allCpu.TotalSeconds:F1} s = {allCpu.TotalMilliseconds * 1000 / count:N0} µs per invoice");
            Console.WriteLine($"{Environment.ProcessorCount} cores; .NET {Environment.Version}; /proc/loadavg before the engine run: {loadBefore}; now: {LoadAverage()}");
            Console.WriteLine($"engine full inbound sync: {count:N0} invoices in {engine.TotalSeconds:F1} s = {engineRate:N0} records/min (target >= 300,000)");
            Console.WriteLine($"binary COPY of the same records rows: {copy.Rows:N0} rows in {copy.Elapsed.TotalSeconds:F2} s = {copyRate:N0} rows/min");
            Console.WriteLine($"engine / COPY of the same records rows: {engineRate / copyRate:P1} (target >= 50 %)");
            Console.WriteLine($"engine / COPY of all rows it wrote ({allRows / (double)count:F1} rows per invoice): {engineRate / allInvoiceRate:P1}");
            Console.WriteLine($"engine CPU: this process (engine + connector + simulator) {appCpu.TotalSeconds:F1} s, PostgreSQL {pgCpu.TotalSeconds:F1} s"
                + $" = {(appCpu + pgCpu).TotalMilliseconds * 1000 / count:N0} µs per invoice; if those had a core each: {count / Math.Max(appCpu.TotalMinutes, pgCpu.TotalMinutes):N0} records/min");
            Console.WriteLine($"engine heap: {engineHeap}");
            return 0;
        }
        finally
        {
            await database.DisposeAsync();
            await simulator.StopAsync();
        }
    }

    private static async Task<SyncRun> RunAsync(ServiceProvider services, Guid tenantId, Guid connectionId, string[] entities)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        var run = new SyncRun { TenantId = tenantId, ConnectionId = connectionId, Kind = SyncRunKind.Full, Trigger = SyncTrigger.Manual, Entities = entities };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        await scope.ServiceProvider.GetRequiredService<ISyncRunExecutor>().ExecuteAsync(run.Id, CancellationToken.None);
        return await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id);
    }

    /// <summary>Reads the connector's pages without storing anything: the read side's own cost (simulator, HTTP, JSON, mapping).</summary>
    private static async Task<(int Records, int Pages, TimeSpan Elapsed)> ReadOnlyAsync(ServiceProvider services, Guid tenantId, Guid connectionId)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        var connection = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId);
        var connector = scope.ServiceProvider.GetServices<ISyncConnector>().Single(c => c.Key == connection.Provider);
        var context = new ConnectorContext(connection, scope.ServiceProvider.GetRequiredService<ConnectionHttp>(), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        var (records, pages) = (0, 0);
        string? token = null;
        do
        {
            var page = await connector.ListAsync(context, CanonicalEntities.Invoice, SyncMode.Full, new SyncPosition(null, token, null), CancellationToken.None);
            records += page.Records.Count;
            pages++;
            token = page.NextPageToken;
        } while (token is not null);
        return (records, pages, clock.Elapsed);
    }

    /// <summary>Reads the engine's stored invoice rows (every column) into memory, then times a binary COPY of them into a table like records.</summary>
    private static async Task<(int Rows, TimeSpan Elapsed)> CopyAsync(TestDatabase database, Guid connectionId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<object?[]>();
        await using (var read = new NpgsqlCommand(
            $"SELECT {Columns} FROM records WHERE connection_id = @c AND entity = 'Invoice'", connection))
        {
            read.Parameters.AddWithValue("c", connectionId);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = await reader.IsDBNullAsync(i) ? null : i is 6 or 10 ? reader.GetString(i) : reader.GetValue(i);
                rows.Add(row);
            }
        }
        await using (var create = new NpgsqlCommand("CREATE TABLE b1_copy (LIKE records INCLUDING ALL)", connection))
            await create.ExecuteNonQueryAsync();

        var clock = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY b1_copy ({Columns.Replace("::text", "", StringComparison.Ordinal)}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var i = 0; i < row.Length; i++)
                    if (row[i] is null) await writer.WriteNullAsync();
                    else await writer.WriteAsync(row[i], ColumnTypes[i]);
            }
            await writer.CompleteAsync();
        }
        return (rows.Count, clock.Elapsed);
    }

    private const string Columns = "id, tenant_id, side, connection_id, entity, external_id, data::text, hash, version, source_updated_at, raw::text, created_at, updated_at, deleted_at, last_seen_run_id";

    private static readonly NpgsqlDbType[] ColumnTypes =
    [
        NpgsqlDbType.Uuid, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Uuid, NpgsqlDbType.Varchar, NpgsqlDbType.Varchar, NpgsqlDbType.Jsonb,
        NpgsqlDbType.Varchar, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.Json, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
        NpgsqlDbType.TimestampTz, NpgsqlDbType.Uuid,
    ];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>The services a SyncWorker runs the engine with, on the test servers' PostgreSQL and Redis.</summary>
    internal static ServiceProvider Services(TestDatabase database, string simulatorUrl)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:simulators:http:0"] = simulatorUrl,
            ["Secrets:KeyFile"] = Path.Combine(TestServers.Directory, "master.key"),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(database.ConnectionString));
        services.AddHubSecrets(configuration, TestServers.Directory);
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(database.RedisConnectionString));
        services.AddHubConnections();
        services.AddHubConnectors();
        services.AddHubSyncEngine();
        return services.BuildServiceProvider();
    }

    /// <summary>A tenant with an active QBO connection (simulator-issued tokens) and inbound-only configs for the three entities.</summary>
    private static async Task<(Guid TenantId, Guid ConnectionId)> ConnectAsync(ServiceProvider services, string realm, JsonObject issued)
    {
        await using var scope = services.CreateAsyncScope();
        var tenant = new Tenant { Name = "B1", Slug = "b1-" + Guid.NewGuid().ToString("N")[..8] };
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var connection = new Connection
        {
            TenantId = tenant.Id, Provider = "quickbooks", Environment = "simulator", DisplayName = "B1 " + realm,
            Status = ConnectionStatus.Active, ExternalTenantId = realm, ConnectedAt = DateTimeOffset.UtcNow,
        };
        db.Tenants.Add(tenant);
        db.Connections.Add(connection);
        foreach (var entity in new[] { CanonicalEntities.Customer, CanonicalEntities.Item, CanonicalEntities.Invoice })
            db.SyncConfigs.Add(new SyncConfig { TenantId = tenant.Id, ConnectionId = connection.Id, Entity = entity, Direction = SyncDirection.Inbound });
        var now = DateTimeOffset.UtcNow;
        await scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().SaveAsync(connection,
            new TokenSet(issued["access_token"]!.GetValue<string>(), issued["refresh_token"]?.GetValue<string>(), now.AddSeconds(issued["expires_in"]!.GetValue<long>()),
                now.AddDays(100), ["com.intuit.quickbooks.accounting"], now), CancellationToken.None);
        await db.SaveChangesAsync();
        return (tenant.Id, connection.Id);
    }

    /// <summary>A simulated QBO company with <paramref name="invoices"/> invoices (500 customers, 50 items) and tokens issued for it.</summary>
    private static async Task<(string Realm, JsonObject Issued)> CompanyAsync(HttpClient control, string name, int invoices, int seed)
    {
        var realm = (await Post(control, "/control/qbo/companies", new { name }))["realmId"]!.GetValue<string>();
        await Post(control, $"/control/qbo/companies/{realm}/seed", new { seed, customers = 500, items = 50, invoices, payments = 0, chartOfAccounts = true });
        return (realm, await Post(control, "/control/tokens/issue", new { vendor = "qbo", clientId = "qbo-dev-client", tenants = new[] { realm } }));
    }

    private static async Task<JsonObject> Post(HttpClient http, string url, object body)
    {
        var response = await http.PostAsJsonAsync(url, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
