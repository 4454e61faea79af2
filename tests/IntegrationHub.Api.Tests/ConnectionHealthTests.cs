using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Api.Endpoints;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

public class ConnectionHealthTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ConnectionHealth.FinishedRun Run(SyncRunStatus status, int processed, params int[] failedPerEntity) =>
        new(status, processed, failedPerEntity.Select(f => new EntityCounts { Processed = processed, Failed = f }).ToList(), 0);

    [Fact]
    public void Error_rates_count_failed_runs_and_failed_records_separately()
    {
        var errors = ConnectionHealth.Errors([
            Run(SyncRunStatus.Succeeded, 100), Run(SyncRunStatus.CompletedWithErrors, 50, 3, 2), Run(SyncRunStatus.Failed, 0), Run(SyncRunStatus.Succeeded, 50),
        ], 24);
        Assert.Equal(new ConnectionHealth.ErrorRates(24, 4, 1, 1, 0.25, 200, 5, 0.025, 0), errors);
        Assert.Equal(new ConnectionHealth.ErrorRates(6, 0, 0, 0, 0, 0, 0, 0, 0), ConnectionHealth.Errors([], 6));
    }

    [Fact]
    public void Budget_shares_are_of_what_the_hub_allows_itself()
    {
        var minute = new BudgetLimit("k:w:60000", "Tenant", BudgetKind.Window, 50, 60, 60_500, null) { PublishedWindow = TimeSpan.FromMinutes(1) };
        var concurrent = new BudgetLimit("k:cc", "Tenant", BudgetKind.Concurrent, 5, 5, 0, null);
        var at = DateTimeOffset.UnixEpoch.AddDays(20000);
        var use = ConnectionHealth.Budget(new BudgetUsage(at, at.AddSeconds(30), [new(minute, 10), new(concurrent, 5)]));
        Assert.Equal([new ConnectionHealth.LimitUse("tenant", "window", 60, 60, 50, 10, 0.2), new ConnectionHealth.LimitUse("tenant", "concurrent", null, 5, 5, 5, 1)], use.Limits);
        Assert.True(use.Enabled && use.Available);
        Assert.Equal(at.AddSeconds(30), use.BlockedUntil);
        Assert.False(ConnectionHealth.Budget(null).Enabled);
    }

    [Fact]
    public async Task A_viewer_sees_the_live_rate_budget_and_the_error_rates_of_recent_runs()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = new Connection
        {
            Provider = "xero", Environment = "production", DisplayName = "Books", Status = ConnectionStatus.Active, ExternalTenantId = Guid.NewGuid().ToString(),
        };
        var now = DateTimeOffset.UtcNow;
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            db.Connections.Add(connection);
            SyncRun Finished(SyncRunStatus status, int processed, int failed, TimeSpan ago) => new()
            {
                ConnectionId = connection.Id, Kind = SyncRunKind.Incremental, Trigger = SyncTrigger.Schedule, Status = status, Processed = processed,
                Counts = new() { ["Invoice"] = new EntityCounts { Processed = processed, Failed = failed } }, StartedAt = now - ago, FinishedAt = now - ago,
            };
            db.SyncRuns.AddRange(
                Finished(SyncRunStatus.Succeeded, 40, 0, TimeSpan.FromHours(1)), Finished(SyncRunStatus.CompletedWithErrors, 60, 6, TimeSpan.FromHours(2)),
                Finished(SyncRunStatus.Failed, 0, 0, TimeSpan.FromHours(3)), Finished(SyncRunStatus.Failed, 0, 0, TimeSpan.FromHours(30)),
                new SyncRun { ConnectionId = connection.Id, Kind = SyncRunKind.Full, Trigger = SyncTrigger.Manual, Status = SyncRunStatus.Running });
            await db.SaveChangesAsync(Ct);
        }

        // Three calls drawn from the shared budget the way every job draws; one is still in flight.
        var limiter = factory.Services.GetRequiredService<ConnectionRateLimiter>();
        var xero = factory.Services.GetRequiredService<ConnectorCatalog>().Find("xero")!;
        for (var i = 0; i < 2; i++) await (await limiter.AcquireAsync(connection, xero, Ct)).DisposeAsync();
        await using var inFlight = await limiter.AcquireAsync(connection, xero, Ct);

        var viewer = tenant.Reader();
        var health = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{connection.Id}/health", Ct);
        var errors = health.GetProperty("errors");
        Assert.Equal((3, 1, 1, 0.3333), (errors.GetProperty("runs").GetInt32(), errors.GetProperty("failedRuns").GetInt32(),
            errors.GetProperty("runsWithErrors").GetInt32(), errors.GetProperty("runErrorRate").GetDouble()));
        Assert.Equal((100L, 6L, 0.06), (errors.GetProperty("recordsProcessed").GetInt64(), errors.GetProperty("recordsFailed").GetInt64(),
            errors.GetProperty("recordErrorRate").GetDouble()));

        var budget = health.GetProperty("rateBudget");
        Assert.True(budget.GetProperty("enabled").GetBoolean() && budget.GetProperty("available").GetBoolean());
        var limits = budget.GetProperty("limits").EnumerateArray().ToList();
        var minute = limits.Single(l => l.GetProperty("kind").GetString() == "window" && l.GetProperty("windowSeconds").GetDouble() == 60 && l.GetProperty("scope").GetString() == "tenant");
        Assert.Equal((60, 3), (minute.GetProperty("published").GetInt32(), minute.GetProperty("used").GetInt32()));
        Assert.Equal(0.05, minute.GetProperty("share").GetDouble());
        var day = limits.Single(l => l.GetProperty("windowSeconds").ValueKind == JsonValueKind.Number && l.GetProperty("windowSeconds").GetDouble() == 86400);
        Assert.Equal(3, day.GetProperty("used").GetInt32());
        var concurrent = limits.Single(l => l.GetProperty("kind").GetString() == "concurrent");
        Assert.Equal((5, 1), (concurrent.GetProperty("allowed").GetInt32(), concurrent.GetProperty("used").GetInt32()));

        var longer = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{connection.Id}/health?hours=48", Ct);
        Assert.Equal(4, longer.GetProperty("errors").GetProperty("runs").GetInt32());
        var bad = await HttpAssert.ProblemAsync(await viewer.GetAsync($"/api/v1/connections/{connection.Id}/health?hours=500", Ct), 400);
        Assert.Contains("between 1 and 168", bad.GetProperty("errors").GetProperty("hours")[0].GetString());
        await HttpAssert.ProblemAsync(await viewer.GetAsync($"/api/v1/connections/{Guid.NewGuid()}/health", Ct), 404);
    }
}
