using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>The engine with the real QuickBooks connector against the simulator: full and incremental sync, deletes, token expiry, a 429 storm.</summary>
public sealed class QboEndToEndTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly (string Entity, string Table)[] Tables =
        [(CanonicalEntities.Account, "Account"), (CanonicalEntities.Customer, "Customer"), (CanonicalEntities.Item, "Item"),
         (CanonicalEntities.Invoice, "Invoice"), (CanonicalEntities.Payment, "Payment")];
    private static readonly object Seed = new { seed = 5, customers = 6, items = 4, invoices = 8, payments = 3, chartOfAccounts = true };

    [Fact]
    public async Task Full_sync_matches_the_simulator_per_entity_then_incremental_applies_changes_and_deletes()
    {
        var qbo = await fixture.ConnectAsync(0, Ct, seed: Seed);

        var full = await RunAsync(qbo, SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, full.Status);
        await using (var db = qbo.Db())
            foreach (var (entity, table) in Tables)
            {
                var expected = await qbo.CountAsync(table);
                Assert.True(expected > 0, $"the seed has no {table}");
                Assert.Equal(expected, full.Counts[entity].Created);
                Assert.Equal(0, full.Counts[entity].Failed);
                Assert.Equal(expected, await db.Records.CountAsync(r => r.ConnectionId == null && r.Entity == entity && r.DeletedAt == null, Ct));
            }

        var customer = (JsonObject)(await qbo.QueryAsync("SELECT * FROM Customer"))[0]!;
        var customerId = customer["Id"]!.GetValue<string>();
        await qbo.PatchAsync("Customer", customerId, new JsonObject { ["DisplayName"] = "Renamed Behind The Hub" });
        var unpaid = (await qbo.QueryAsync("SELECT * FROM Invoice")).OfType<JsonObject>()
            .First(i => i["LinkedTxn"] is not JsonArray linked || linked.Count == 0);
        var invoiceId = unpaid["Id"]!.GetValue<string>();
        await qbo.DeleteRemoteAsync("Invoice", invoiceId);

        var incremental = await RunAsync(qbo, SyncRunKind.Incremental);

        Assert.Equal(SyncRunStatus.Succeeded, incremental.Status);
        Assert.Equal(1, incremental.Counts[CanonicalEntities.Customer].Updated);
        Assert.Equal(1, incremental.Counts[CanonicalEntities.Invoice].Deleted);
        var customerLink = await qbo.LinkByRemoteAsync(CanonicalEntities.Customer, customerId);
        var hostCustomer = (await qbo.HostAsync(CanonicalEntities.Customer, customerLink.HostId))!;
        Assert.Equal("Renamed Behind The Hub", TestConnection.Parse(hostCustomer.Data)["name"]!.GetValue<string>());
        var invoiceLink = await qbo.LinkByRemoteAsync(CanonicalEntities.Invoice, invoiceId);
        Assert.NotNull((await qbo.HostAsync(CanonicalEntities.Invoice, invoiceLink.HostId))!.DeletedAt);
    }

    [Fact]
    public async Task An_access_token_rejected_mid_sync_is_refreshed_and_the_run_completes()
    {
        var qbo = await fixture.ConnectAsync(0, Ct, seed: Seed);
        var control = fixture.Control();
        (await control.DeleteAsync("/control/requests", Ct)).EnsureSuccessStatusCode();
        (await control.PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "Error", count = 1, pathContains = "/query", statusCode = 401 }, Ct))
            .EnsureSuccessStatusCode();

        var run = await RunAsync(qbo, SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(await qbo.CountAsync("Invoice"), run.Counts[CanonicalEntities.Invoice].Created);
        var refreshes = await control.GetStringAsync("/control/requests?method=POST&path=/qbo/oauth2/v1/tokens/bearer", Ct);
        Assert.Contains("refresh_token", refreshes);
    }

    [Fact]
    public async Task A_429_storm_is_waited_out_and_the_run_completes()
    {
        var qbo = await fixture.ConnectAsync(0, Ct, seed: Seed);
        (await fixture.Control().PostAsJsonAsync("/control/faults", new { vendor = "qbo", kind = "RateLimit", count = 4, pathContains = "/query", retryAfterSeconds = 1 }, Ct))
            .EnsureSuccessStatusCode();

        var run = await RunAsync(qbo, SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.RateLimitWaitMs > 0, $"RateLimitWaitMs was {run.RateLimitWaitMs}");
        foreach (var (entity, table) in Tables) Assert.Equal(await qbo.CountAsync(table), run.Counts[entity].Created);
    }

    private static async Task<SyncRun> RunAsync(TestConnection qbo, SyncRunKind kind)
    {
        var id = await qbo.QueueAsync(kind, [.. Tables.Select(t => t.Entity)]);
        var (run, error) = await qbo.RunAsync(kind, runId: id);
        Assert.Null(error);
        return run;
    }
}
