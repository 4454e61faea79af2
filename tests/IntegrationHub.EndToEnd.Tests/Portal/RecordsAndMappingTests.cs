using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// After a first QuickBooks sync: the records browser lists the pulled customers, a record opens with its links and its
/// version history (run and mapping version); the field mapper shows an expression error with its position, previews a
/// fixed rule on real records both ways, saves versions, rolls back, and a viewer sees it all without the buttons.
/// </summary>
[Collection("stack")]
public sealed class RecordsAndMappingTests(StackFixture stack)
{
    [Fact]
    public async Task Records_after_a_first_sync_and_a_mapping_edited_previewed_saved_and_rolled_back()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);
        var arrange = new PortalArrange(stack, page);
        var connectionId = await arrange.ConnectQuickBooksAsync("QBO records " + Guid.NewGuid().ToString("N")[..6]);
        try
        {
            await arrange.TestAndStartFirstSyncAsync();
            await WaitForFirstSyncAsync(page, connectionId);
            await BrowseRecordsAsync(page, connectionId);
            await EditMappingAsync(page, connectionId);
            await ViewerSeesNoMappingButtonsAsync(browser, connectionId);
        }
        finally
        {
            // The demo company is shared by every test of the stack: one live connection per company and tenant.
            var freed = await page.Context.APIRequest.PostAsync(Api($"connections/{connectionId}/disconnect"),
                new() { Headers = new Dictionary<string, string> { ["X-Hub-Portal"] = "1" } });
            Assert.Equal(200, freed.Status);
        }
    }

    private string Api(string path) => new Uri(stack.ApiUrl, "api/v1/" + path).ToString();

    /// <summary>The Api, with the browser's own session, until the connection's first run has finished.</summary>
    private async Task WaitForFirstSyncAsync(IPage page, Guid connectionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await page.Context.APIRequest.GetAsync(Api($"sync-runs?connectionId={connectionId}&pageSize=5"));
            using var body = JsonDocument.Parse(await response.TextAsync());
            status = body.RootElement.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()).LastOrDefault();
            if (status is "succeeded" or "completed_with_errors") return;
            Assert.NotEqual("failed", status);
            await Task.Delay(1_000);
        }
        Assert.Fail($"The first sync did not finish in time (last status {status}).");
    }

    private static async Task BrowseRecordsAsync(IPage page, Guid connectionId)
    {
        await page.GotoAsync($"connections/{connectionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Records", Exact = true }).Last.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Records", Exact = true })).ToBeVisibleAsync();
        var table = page.GetByTestId("records-table");
        await Expect(table).ToBeVisibleAsync();
        await Expect(page.GetByTestId("records-total")).ToHaveTextAsync(new Regex(@"^[1-9]\d* record\(s\)$"));

        // Search narrows the list to the record searched for, by its id.
        var firstId = (await table.Locator("tbody tr").First.Locator(".hub-muted").First.InnerTextAsync()).Trim();
        await page.GetByLabel("Search").FillAsync(firstId);
        await page.GetByLabel("Search").BlurAsync();
        await Expect(page.GetByTestId("records-total")).ToHaveTextAsync(new Regex(@"^[1-9]\d* record\(s\)$"));
        await Expect(table).ToContainTextAsync(firstId);
        await PortalBrowser.SaveScreenshotAsync(page, "records.png");

        // Tombstones only: the live record just found is not among them (other tests in the shared demo tenant may have
        // left tombstones; the filter's semantics are checked exactly in Api.Tests RecordDeletedFilterTests).
        await page.GetByLabel("Search").FillAsync("");
        await page.GetByLabel("Search").BlurAsync();
        await ChooseAsync(page, page.Locator("body"), "Deleted", "Tombstones only");
        await Expect(page.GetByTestId("records-empty").Or(table)).ToBeVisibleAsync();
        await Expect(page.GetByText(firstId, new() { Exact = true })).ToHaveCountAsync(0);
        await ChooseAsync(page, page.Locator("body"), "Deleted", "Live only");
        await Expect(table).ToBeVisibleAsync();

        await table.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Version history" })).ToBeVisibleAsync();
        var links = page.GetByTestId("links-table");
        await Expect(links).ToBeVisibleAsync();
        await Expect(links.GetByTestId("remote-id").First).Not.ToBeEmptyAsync();
        var version = page.GetByTestId("record-version").First;
        await Expect(version).ToContainTextAsync("Created");
        await Expect(version).ToContainTextAsync("Sync");
        await Expect(version.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^sync run ") })).ToBeVisibleAsync();
        await Expect(version).ToContainTextAsync("mapping");
        // MudSimpleTable puts its label on its wrapper: the diff is the table inside the version.
        await Expect(version.GetByRole(AriaRole.Table).First).ToContainTextAsync("name");
        await PortalBrowser.SaveScreenshotAsync(page, "record.png");

        // The run link leads to the run that wrote the version.
        await version.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^sync run ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sync run" })).ToBeVisibleAsync();
    }

    private static async Task EditMappingAsync(IPage page, Guid connectionId)
    {
        await page.GotoAsync($"connections/{connectionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Field mapping" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Field mapping" })).ToBeVisibleAsync();
        var rules = page.GetByTestId("rules-table");
        await Expect(rules).ToContainTextAsync("Default");

        // An expression with a syntax error: the Api's compiler answers with where it is.
        await EditRuleAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Override default rule for name", Exact = true }), "Compute (JavaScript)", "value +* 2");
        await Expect(rules.Locator("tr[data-source='override']")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(page.GetByTestId("rule-errors")).ToBeVisibleAsync();
        await Expect(rules.Locator(".hub-rule-error").First).ToContainTextAsync(new Regex(@"line \d+, column \d+"));

        // Fixed: upper-case names, previewed on the synced records both ways before saving.
        await EditRuleAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Edit rule for name", Exact = true }), "Upper case", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.GetByTestId("preview");
        await Expect(preview).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rule-errors")).ToHaveCountAsync(0);
        await Expect(preview.GetByTestId("outbound-sample").First).ToBeVisibleAsync();
        await Expect(preview.GetByTestId("inbound-sample").First).ToBeVisibleAsync();
        var outbound = await preview.GetByTestId("outbound-sample").First.Locator("pre").First.InnerTextAsync();
        var name = JsonDocument.Parse(outbound).RootElement.GetProperty("name").GetString()!;
        Assert.Equal(name.ToUpperInvariant(), name);
        await PortalBrowser.SaveScreenshotAsync(page, "field-mapper.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("save-result")).ToContainTextAsync(new Regex(@"Version 1 saved\. .*records"));

        // A second version (lower case), then back to the first.
        await EditRuleAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Edit rule for name", Exact = true }), "Lower case", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.GetByTestId("save-result")).ToContainTextAsync("Version 2 saved.");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();
        var versions = page.GetByTestId("versions-table");
        await Expect(versions.Locator("tbody tr")).ToHaveCountAsync(2);
        await versions.GetByRole(AriaRole.Button, new() { Name = "Roll back to version 1" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Roll back" }).ClickAsync();
        await Expect(versions.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(versions.Locator("tbody tr").First).ToContainTextAsync("Restored from v1");
        await Expect(versions.Locator("tbody tr").First).ToContainTextAsync("Active");
        await PortalBrowser.SaveScreenshotAsync(page, "mapping-versions.png");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Rules" }).ClickAsync();
        await Expect(page.GetByTestId("rules-table").GetByRole(AriaRole.Cell, new() { Name = "upper", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Opens the rule dialog with <paramref name="opener"/>, picks the transformation, writes the expression if any, and applies it to the draft.</summary>
    private static async Task EditRuleAsync(IPage page, ILocator opener, string transformation, string? expression)
    {
        await opener.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await ChooseAsync(page, dialog, "Transformation", transformation);
        if (expression is not null) await dialog.GetByLabel("Expression", new() { Exact = true }).FillAsync(expression);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply to draft" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    /// <summary>Opens a MudSelect by clicking its input, as a person does, and picks an option from its list.</summary>
    private static async Task ChooseAsync(IPage page, ILocator scope, string label, string option)
    {
        await scope.Locator(".mud-select").Filter(new() { HasText = label }).Last.Locator("input:visible").First.ClickAsync();
        var item = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true })
            .Or(page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}$") }));
        await item.First.ClickAsync();
    }

    private async Task ViewerSeesNoMappingButtonsAsync(PortalBrowser browser, Guid connectionId)
    {
        var viewer = await browser.SignInNewViewerAsync(stack, "Mapping Viewer", width: 600);
        await viewer.GotoAsync($"connections/{connectionId}/mappings/Customer");
        await Expect(viewer.GetByTestId("rules-table")).ToContainTextAsync("upper");
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Add rule" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^(Edit|Override)") })).ToHaveCountAsync(0);
        await viewer.GetByRole(AriaRole.Tab, new() { Name = "Versions" }).ClickAsync();
        await Expect(viewer.GetByTestId("versions-table")).ToBeVisibleAsync();
        await Expect(viewer.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Roll back") })).ToHaveCountAsync(0);
        // The Api refuses the viewer anyway.
        var refused = await viewer.Context.APIRequest.PutAsync(Api($"connections/{connectionId}/mappings/Customer"),
            new() { Headers = new Dictionary<string, string> { ["X-Hub-Portal"] = "1", ["Content-Type"] = "application/json" }, Data = """{"rules":[]}""" });
        Assert.Equal(403, refused.Status);
    }
}
