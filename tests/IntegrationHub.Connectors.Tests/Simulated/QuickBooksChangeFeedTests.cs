using IntegrationHub.Connectors.QuickBooks;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Tests.Simulated;

/// <summary>
/// CDC's limits on a company of its own: more than 1,000 changes in a window (the cap) and a cursor older than CDC's
/// 30-day look-back (the simulator's clock is moved 40 days on), both read through the LastUpdatedTime query fallback.
/// </summary>
public class QuickBooksChangeFeedTests(ConnectorHarness harness) : IClassFixture<ConnectorHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private ISyncConnector Qbo => harness.Connector("quickbooks");

    [Fact]
    public async Task Cdc_cap_and_window_fall_back_to_the_query_and_miss_nothing()
    {
        var company = await harness.Simulator.PostAsync("/control/qbo/companies", new { name = "CDC limits Ltd" });
        var realm = company["realmId"]!.GetValue<string>();
        var before = harness.Simulator.Clock.GetUtcNow().AddMinutes(-1);
        var seeded = await harness.Simulator.PostAsync($"/control/qbo/companies/{realm}/seed", new { seed = 7, customers = 5, items = 3, invoices = 2500, payments = 0, chartOfAccounts = true });
        Assert.Equal(2500, seeded["counts"]!["Invoice"]!.GetValue<int>());
        var context = await harness.ConnectAsync("quickbooks", realm);

        // 2,500 changes since the cursor: CDC answers with its 1,000-object cap, so the window is read by query pages.
        var mark = await harness.Simulator.LastSequenceAsync();
        var (records, cursor, pages) = await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Incremental, QboPositions.Cursor(before));
        Assert.Equal(2500, records.Count);
        Assert.Equal(2500, records.Select(r => r.RemoteId).Distinct().Count());
        Assert.Equal(3, pages);
        var sent = await harness.Simulator.RequestsAsync(after: mark);
        Assert.Single(sent, r => r.GetProperty("path").GetString()!.EndsWith("/cdc"));
        Assert.Equal(3, sent.Count(r => r.GetProperty("path").GetString()!.EndsWith("/query") && Uri.UnescapeDataString(r.GetProperty("query").GetString()!).Contains("MetaData.LastUpdatedTime >=")));

        // 40 days on, three invoices change: the cursor is beyond CDC's reach, the query fallback returns exactly those three.
        harness.Simulator.Clock.Advance(TimeSpan.FromDays(40));
        var changed = records.Take(3).Select(r => r.RemoteId).ToList();
        foreach (var id in changed) await harness.Simulator.PatchAsync($"/control/qbo/companies/{realm}/Invoice/{id}", new { DueDate = "2031-03-31" });
        mark = await harness.Simulator.LastSequenceAsync();
        var (late, lateCursor, _) = await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Incremental, cursor);
        // The cursor is inclusive at the provider's timestamp precision: the boundary record may come again, unchanged.
        var versions = records.ToDictionary(r => r.RemoteId, r => r.Raw["SyncToken"]!.GetValue<string>());
        var fresh = late.Where(r => versions[r.RemoteId] != r.Raw["SyncToken"]!.GetValue<string>()).ToList();
        Assert.Equal(changed.Order(), fresh.Select(r => r.RemoteId).Order());
        Assert.True(late.Count <= changed.Count + 1, $"{late.Count} records for {changed.Count} changes");
        Assert.All(fresh, r => Assert.Equal("2031-03-31", r.Canonical["dueDate"]!.GetValue<string>()));
        var lateRequests = await harness.Simulator.RequestsAsync(after: mark);
        Assert.DoesNotContain(lateRequests, r => r.GetProperty("path").GetString()!.EndsWith("/cdc"));

        // Back within the window, the change feed is used again and reports a deletion.
        await harness.Simulator.DeleteAsync($"/control/qbo/companies/{realm}/Invoice/{changed[0]}");
        var (afterDelete, _, _) = await Pages.DrainAsync(Qbo, context, "Invoice", SyncMode.Incremental, lateCursor);
        var tombstone = Assert.Single(afterDelete, r => r.Deleted);
        Assert.True(afterDelete.Count <= 2);
        Assert.True(tombstone.Deleted);
        Assert.Equal(changed[0], tombstone.RemoteId);
    }
}
