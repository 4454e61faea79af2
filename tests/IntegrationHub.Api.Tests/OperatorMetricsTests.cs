using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Api.Endpoints;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Api.Tests;

public class OperatorMetricsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 20, 0, TimeSpan.Zero);

    private static OperatorMetrics.FinishedRun Run(string provider, SyncRunStatus status, int minutesAgo, double seconds, int processed = 0, long waitMs = 0) =>
        new(provider, status, Now.AddMinutes(-minutesAgo).AddSeconds(-seconds), Now.AddMinutes(-minutesAgo), processed, waitMs);

    [Fact]
    public void Throughput_has_a_bucket_for_every_hour_with_runs_failures_and_records()
    {
        var runs = new[]
        {
            Run("xero", SyncRunStatus.Succeeded, 5, 10, processed: 100), Run("xero", SyncRunStatus.Failed, 15, 3),
            Run("quickbooks", SyncRunStatus.CompletedWithErrors, 70, 20, processed: 40), Run("xero", SyncRunStatus.Succeeded, 60 * 30, 1, processed: 9),
        };
        var buckets = OperatorMetrics.Throughput(runs, Now, 3);
        Assert.Equal([Now.AddHours(-2).AddMinutes(-20), Now.AddHours(-1).AddMinutes(-20), Now.AddMinutes(-20)], buckets.Select(b => b.Hour));
        Assert.Equal((0, 0, 0L), (buckets[0].Runs, buckets[0].Failed, buckets[0].Records));
        Assert.Equal((1, 0, 40L), (buckets[1].Runs, buckets[1].Failed, buckets[1].Records));
        Assert.Equal((2, 1, 100L), (buckets[2].Runs, buckets[2].Failed, buckets[2].Records));
    }

    [Fact]
    public void Providers_are_ranked_slowest_first_with_error_rates()
    {
        var runs = new[]
        {
            Run("xero", SyncRunStatus.Succeeded, 5, 10, waitMs: 500), Run("xero", SyncRunStatus.Failed, 15, 30, waitMs: 1500),
            Run("quickbooks", SyncRunStatus.Succeeded, 5, 2), Run("quickbooks", SyncRunStatus.CompletedWithErrors, 5, 4),
            Run("quickbooks", SyncRunStatus.Succeeded, 5, 6), Run("quickbooks", SyncRunStatus.Failed, 5, 8),
        };
        var providers = OperatorMetrics.Providers(runs, p => p.ToUpperInvariant());
        Assert.Equal(["xero", "quickbooks"], providers.Select(p => p.Provider));
        Assert.Equal(new OperatorMetrics.ProviderHealth("xero", "XERO", 2, 1, 0.5, 20, 30, 2000), providers[0]);
        Assert.Equal(new OperatorMetrics.ProviderHealth("quickbooks", "QUICKBOOKS", 4, 1, 0.25, 5, 8, 0), providers[1]);
    }

    [Fact]
    public async Task An_operator_sees_queue_depth_throughput_and_provider_health_across_tenants()
    {
        var alpha = await factory.CreateTenantAsync();
        var bravo = await factory.CreateTenantAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var db = factory.Database.CreateContext(alpha.Id))
        {
            var books = new Connection { Provider = "quickbooks", Environment = "sandbox", DisplayName = "Alpha books", Status = ConnectionStatus.Active };
            db.Connections.Add(books);
            db.SyncRuns.AddRange(
                new SyncRun { ConnectionId = books.Id, Kind = SyncRunKind.Full, Trigger = SyncTrigger.Manual, Status = SyncRunStatus.Succeeded, Processed = 120, StartedAt = now.AddMinutes(-10), FinishedAt = now.AddMinutes(-9) },
                new SyncRun { ConnectionId = books.Id, Kind = SyncRunKind.Incremental, Trigger = SyncTrigger.Schedule, Status = SyncRunStatus.Queued });
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = factory.Database.CreateContext(bravo.Id))
        {
            var xero = new Connection { Provider = "xero", Environment = "sandbox", DisplayName = "Bravo books", Status = ConnectionStatus.Active };
            db.Connections.Add(xero);
            db.SyncRuns.Add(new SyncRun { ConnectionId = xero.Id, Kind = SyncRunKind.Incremental, Trigger = SyncTrigger.Manual, Status = SyncRunStatus.Failed, Error = "boom", StartedAt = now.AddMinutes(-3), FinishedAt = now.AddMinutes(-2) });
            await db.SaveChangesAsync(Ct);
        }
        var op = await factory.CreateUserAsync("metrics-op", isOperator: true);
        var client = factory.ClientWithSession(op.Id, op.Email!, alpha.Id);

        var report = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/metrics?hours=6", Ct);
        Assert.Equal(6, report.GetProperty("throughput").GetArrayLength());
        Assert.True(report.GetProperty("queue").GetProperty("queuedRuns").GetInt32() >= 1);
        var recent = report.GetProperty("throughput").EnumerateArray().ToList();
        Assert.True(recent.Sum(b => b.GetProperty("runs").GetInt32()) >= 2);
        Assert.True(recent.Sum(b => b.GetProperty("records").GetInt64()) >= 120);
        var providers = report.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("provider").GetString()!);
        Assert.Equal("QuickBooks Online", providers["quickbooks"].GetProperty("providerName").GetString());
        Assert.True(providers["xero"].GetProperty("failed").GetInt32() >= 1);
        Assert.True(providers["quickbooks"].GetProperty("slowestSeconds").GetDouble() >= 60);

        var bad = await HttpAssert.ProblemAsync(await client.GetAsync("/api/v1/admin/metrics?hours=0", Ct), 400);
        Assert.Contains("between 1 and 168", bad.GetProperty("errors").GetProperty("hours")[0].GetString());
    }

    [Fact]
    public async Task Tenant_users_and_api_keys_cannot_read_platform_metrics()
    {
        var tenant = await factory.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Owner().GetAsync("/api/v1/admin/metrics", Ct)).StatusCode);
        Assert.True((await tenant.Admin().GetAsync("/api/v1/admin/metrics", Ct)).StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized);
    }
}
