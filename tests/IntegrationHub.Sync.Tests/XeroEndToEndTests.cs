using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>The engine with the real Xero connector against the simulator: full and incremental sync, deletes, token expiry, a 429 storm.</summary>
public sealed class XeroEndToEndTests(RealConnectorsFixture fixture) : IClassFixture<RealConnectorsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly object Seed = new { seed = 5, customers = 6, items = 4, invoices = 8, payments = 3, chartOfAccounts = true };
    private static readonly string[] Entities =
        [CanonicalEntities.Account, CanonicalEntities.Customer, CanonicalEntities.Item, CanonicalEntities.Invoice, CanonicalEntities.Payment];

    /// <summary>What a full sync must bring per entity, counted by Xero's own API: the sales side, nothing deleted, voided or archived.</summary>
    private static async Task<Dictionary<string, int>> ExpectedAsync(XeroOrg org) => new()
    {
        [CanonicalEntities.Account] = (await org.ListAsync("Accounts")).Count(a => a!["Status"]!.GetValue<string>() == "ACTIVE"),
        [CanonicalEntities.Customer] = await org.CountAsync("Contacts", "ContactStatus==\"ACTIVE\""),
        [CanonicalEntities.Item] = (await org.ListAsync("Items")).Count,
        [CanonicalEntities.Invoice] = await org.CountAsync("Invoices", "Type==\"ACCREC\" AND Status!=\"DELETED\" AND Status!=\"VOIDED\""),
        [CanonicalEntities.Payment] = await org.CountAsync("Payments", "PaymentType==\"ACCRECPAYMENT\" AND Status!=\"DELETED\""),
    };

    [Fact]
    public async Task Full_sync_matches_the_simulator_per_entity_then_incremental_applies_changes_and_deletes()
    {
        var xero = await XeroOrg.ConnectAsync(fixture, Seed, Ct);

        var full = await RunAsync(xero, SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, full.Status);
        await using (var db = xero.Hub.Db())
            foreach (var (entity, expected) in await ExpectedAsync(xero))
            {
                Assert.True(expected > 0, $"the seed has no {entity}");
                Assert.Equal(expected, full.Counts[entity].Created);
                Assert.Equal(0, full.Counts[entity].Failed);
                Assert.Equal(expected, await db.Records.CountAsync(r => r.ConnectionId == null && r.Entity == entity && r.DeletedAt == null, Ct));
            }

        var contacts = await xero.ListAsync("Contacts");
        var renamed = contacts[0]!["ContactID"]!.GetValue<string>();
        var archived = contacts[1]!["ContactID"]!.GetValue<string>();
        await xero.PatchAsync("Contacts", renamed, new JsonObject { ["Name"] = "Renamed Behind The Hub Ltd" });
        await xero.PatchAsync("Contacts", archived, new JsonObject { ["ContactStatus"] = "ARCHIVED" });
        var unpaid = (await xero.ListAsync("Invoices", "Statuses=AUTHORISED")).OfType<JsonObject>()
            .First(i => i["Type"]!.GetValue<string>() == "ACCREC" && i["AmountPaid"]!.GetValue<decimal>() == 0m);
        var voided = unpaid["InvoiceID"]!.GetValue<string>();
        await xero.PatchAsync("Invoices", voided, new JsonObject { ["Status"] = "VOIDED" });

        var incremental = await RunAsync(xero, SyncRunKind.Incremental);

        Assert.Equal(SyncRunStatus.Succeeded, incremental.Status);
        Assert.Equal(1, incremental.Counts[CanonicalEntities.Customer].Updated);
        Assert.Equal(1, incremental.Counts[CanonicalEntities.Customer].Deleted);
        Assert.Equal(1, incremental.Counts[CanonicalEntities.Invoice].Deleted);
        Assert.Equal(0, incremental.Counts[CanonicalEntities.Invoice].Created + incremental.Counts[CanonicalEntities.Invoice].Failed);
        var renamedLink = await xero.Hub.LinkByRemoteAsync(CanonicalEntities.Customer, renamed);
        var host = (await xero.Hub.HostAsync(CanonicalEntities.Customer, renamedLink.HostId))!;
        Assert.Equal("Renamed Behind The Hub Ltd", TestConnection.Parse(host.Data)["name"]!.GetValue<string>());
        var archivedLink = await xero.Hub.LinkByRemoteAsync(CanonicalEntities.Customer, archived);
        Assert.NotNull((await xero.Hub.HostAsync(CanonicalEntities.Customer, archivedLink.HostId))!.DeletedAt);
        var invoiceLink = await xero.Hub.LinkByRemoteAsync(CanonicalEntities.Invoice, voided);
        Assert.NotNull((await xero.Hub.HostAsync(CanonicalEntities.Invoice, invoiceLink.HostId))!.DeletedAt);

        // Nothing changed since: the next incremental run writes nothing.
        var quiet = await RunAsync(xero, SyncRunKind.Incremental);
        Assert.All(Entities, e => Assert.Equal(0, quiet.Counts[e].Created + quiet.Counts[e].Updated + quiet.Counts[e].Deleted));
    }

    [Fact]
    public async Task An_access_token_rejected_mid_sync_is_refreshed_and_the_run_completes()
    {
        var xero = await XeroOrg.ConnectAsync(fixture, Seed, Ct);
        var control = fixture.Control();
        (await control.DeleteAsync("/control/requests", Ct)).EnsureSuccessStatusCode();
        await xero.FaultAsync(new { vendor = "xero", kind = "Error", count = 1, pathContains = "/Invoices", statusCode = 401 });

        var run = await RunAsync(xero, SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal((await ExpectedAsync(xero))[CanonicalEntities.Invoice], run.Counts[CanonicalEntities.Invoice].Created);
        var refreshes = await control.GetStringAsync("/control/requests?method=POST&path=/xero/connect/token", Ct);
        Assert.Contains("refresh_token", refreshes);
    }

    [Fact]
    public async Task A_429_storm_is_waited_out_and_the_run_completes()
    {
        var xero = await XeroOrg.ConnectAsync(fixture, Seed, Ct);
        await xero.FaultAsync(new { vendor = "xero", kind = "RateLimit", count = 4, pathContains = "/Invoices", retryAfterSeconds = 1 });

        var run = await RunAsync(xero, SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.RateLimitWaitMs > 0, $"RateLimitWaitMs was {run.RateLimitWaitMs}");
        Assert.Empty((await fixture.Control().GetFromJsonAsync<List<object>>("/control/faults", Ct))!);
        foreach (var (entity, expected) in await ExpectedAsync(xero)) Assert.Equal(expected, run.Counts[entity].Created);
    }

    private static async Task<SyncRun> RunAsync(XeroOrg xero, SyncRunKind kind)
    {
        var id = await xero.Hub.QueueAsync(kind, Entities);
        var (run, error) = await xero.Hub.RunAsync(kind, runId: id);
        Assert.Null(error);
        return run;
    }
}
