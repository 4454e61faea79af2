using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// A real conflict, made the way it happens: QuickBooks is connected under the manual policy, the host app renames a customer
/// and someone edits the same customer in QuickBooks, the next sync queues a conflict; an owner resolves it in the portal,
/// choosing a side per field.
/// </summary>
[Collection("stack")]
public sealed class ConflictPortalTests(StackFixture stack)
{
    [Fact]
    public async Task Owner_resolves_a_conflict_field_by_field_in_the_queue()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        var arrange = new PortalArrange(stack, page);
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);
        var connectionId = await arrange.ConnectQuickBooksAsync("QBO conflicts " + Guid.NewGuid().ToString("N")[..6]);
        try
        {
            await arrange.ApiAsync("PUT", $"connections/{connectionId}/sync-configs/Customer", new
            {
                enabled = true, direction = "inbound", intervalMinutes = 60, cron = (string?)null, conflictPolicy = "manual", deletePolicy = "ignore",
            });
            var full = await arrange.SyncAsync(connectionId, "full", "Customer");
            await arrange.WaitForRunAsync(full, TimeSpan.FromSeconds(120), "succeeded", "completed_with_errors");

            var links = await arrange.ApiAsync("GET", $"connections/{connectionId}/links?entity=Customer");
            var link = (links.ValueKind == System.Text.Json.JsonValueKind.Array ? links : links.GetProperty("items")).EnumerateArray().First();
            var hostId = link.GetProperty("hostId").GetString()!;
            var remoteId = link.GetProperty("remoteId").GetString()!;
            var hostEdit = JsonNode.Parse(link.GetProperty("base").GetRawText())!.AsObject();
            var hostName = "Host Side " + Guid.NewGuid().ToString("N")[..6];
            hostEdit["id"] = hostId;
            hostEdit["companyName"] = hostName;

            // The host app renames the company; someone edits the e-mail address in QuickBooks.
            await arrange.ApiAsync("POST", "records/Customer", hostEdit);
            var realm = (await arrange.ApiAsync("GET", $"connections/{connectionId}")).GetProperty("externalTenantId").GetString();
            await arrange.ControlAsync("PATCH", $"qbo/companies/{realm}/customer/{remoteId}",
                new { CompanyName = "Remote Side Pty", PrimaryEmailAddr = new { Address = "remote-side@example.test" } });
            var incremental = await arrange.SyncAsync(connectionId, "incremental", "Customer");
            var run = await arrange.WaitForRunAsync(incremental, TimeSpan.FromSeconds(120), "succeeded", "completed_with_errors");

            var open = await arrange.ApiAsync("GET", $"conflicts?status=open&connectionId={connectionId}&entity=Customer");
            Assert.True(open.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("hostId").GetString() == hostId),
                $"The incremental run opens a conflict on {hostId}: {run}; host side now: {await arrange.ApiAsync("GET", $"records?entity=Customer&side=host&q={Uri.EscapeDataString(hostName)}")}; " +
                $"links: {await arrange.ApiAsync("GET", $"connections/{connectionId}/links?entity=Customer&pageSize=1")}");

            await page.GetByRole(AriaRole.Link, new() { Name = "Conflicts" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Conflicts", Exact = true })).ToBeVisibleAsync();
            await page.GetByLabel($"Open conflict on Customer {hostId}", new() { Exact = true }).ClickAsync();
            // Conflicting fields come first, marked ⚠ (and shaded).
            var conflicting = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "⚠" });
            var company = conflicting.Filter(new() { HasText = "companyName" });
            await Expect(company).ToContainTextAsync(hostName);
            await Expect(company).ToContainTextAsync("Remote Side Pty");
            await PortalBrowser.SaveScreenshotAsync(page, "conflicts.png");

            // Keep the host's name, the external e-mail where it conflicts, else the external side.
            foreach (var row in await conflicting.AllAsync())
            {
                var path = (await row.Locator("td").First.InnerTextAsync()).Replace("⚠", "", StringComparison.Ordinal).Trim();
                await row.GetByRole(AriaRole.Radio, new() { Name = path == "companyName" ? "Host" : "External", Exact = true }).CheckAsync();
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Keep chosen fields" }).ClickAsync();
            await Expect(page.GetByText("Conflict resolved")).ToBeVisibleAsync();
            await Expect(page.GetByLabel($"Open conflict on Customer {hostId}", new() { Exact = true })).ToHaveCountAsync(0);

            var conflicts = await arrange.ApiAsync("GET", $"conflicts?status=resolved&connectionId={connectionId}&entity=Customer");
            var resolved = conflicts.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("hostId").GetString() == hostId);
            Assert.Equal("merged", resolved.GetProperty("outcome").GetString(), ignoreCase: true);
        }
        finally
        {
            await arrange.DisconnectAsync(connectionId);
        }
    }
}
