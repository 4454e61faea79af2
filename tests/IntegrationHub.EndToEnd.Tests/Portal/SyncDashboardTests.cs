using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// The sync dashboard against the whole stack: an owner connects QuickBooks (the simulator), the wizard starts the first
/// full sync, and the dashboard follows the run to the end without a reload; the run detail shows what it did.
/// </summary>
[Collection("stack")]
public sealed class SyncDashboardTests(StackFixture stack)
{
    [Fact]
    public async Task First_QuickBooks_sync_is_followed_live_to_100_percent_on_the_dashboard()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        var name = "QBO dashboard " + Guid.NewGuid().ToString("N")[..6];
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);

        var arrange = new PortalArrange(stack, page);
        var connectionId = await arrange.ConnectQuickBooksAsync(name);
        try
        {
            await arrange.TestAndStartFirstSyncAsync();

            // Opened while the run is queued or running; it must finish on screen, pushed by the page's own polling.
            await page.GotoAsync($"connections/{connectionId}/sync");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sync dashboard" })).ToBeVisibleAsync();
            var table = page.GetByTestId("runs-table");
            await Expect(table).ToBeVisibleAsync();
            var status = table.GetByTestId("run-status").First;
            await Expect(status).ToHaveTextAsync(new Regex("^(Succeeded|Completed with errors)$"), new() { Timeout = 90_000 });
            await Expect(table).ToContainTextAsync("Customer +");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sync now" })).ToBeVisibleAsync();
            await Expect(page.Locator("[role='img'][aria-label^='Over the last 14 days']")).Not.ToHaveAttributeAsync("aria-label", new Regex(": 0 records synced"));
            await PortalBrowser.SaveScreenshotAsync(page, "sync-dashboard.png");

            await table.GetByRole(AriaRole.Link).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sync run" })).ToBeVisibleAsync();
            var entities = page.Locator(".hub-panel").Filter(new() { HasText = "Records per entity" });
            await Expect(entities).ToContainTextAsync("Customer");
            // Finished: processed equals the total the provider announced (the 100 % the bar showed).
            var processed = await page.Locator(".hub-facts dd").First.InnerTextAsync();
            var parts = processed.Split(" / ");
            Assert.True(parts.Length == 1 || parts[0] == parts[1], $"A finished run has processed everything it expected: {processed}");
            await PortalBrowser.SaveScreenshotAsync(page, "sync-run.png");

            await page.GetByRole(AriaRole.Link, new() { Name = "Dead letter" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dead letter" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("dead-letter-empty").Or(page.GetByTestId("dead-letter-table"))).ToBeVisibleAsync();
        }
        finally
        {
            // The demo company is shared by every test of the stack: one live connection per company and tenant.
            var freed = await page.Context.APIRequest.PostAsync(new Uri(stack.ApiUrl, $"api/v1/connections/{connectionId}/disconnect").ToString(),
                new() { Headers = new Dictionary<string, string> { ["X-Hub-Portal"] = "1" } });
            Assert.Equal(200, freed.Status);
        }
    }
}
