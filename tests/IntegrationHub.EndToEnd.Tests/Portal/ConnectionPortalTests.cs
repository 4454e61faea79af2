using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Core.ApiKeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// Connecting providers from the portal as a tenant admin does it: the catalog, the wizard, the simulator's consent page in
/// Chromium, back to the wizard; then what a viewer and an operator see of the connections.
/// </summary>
[Collection("stack")]
public sealed class ConnectionPortalTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_connects_QuickBooks_from_the_catalog_through_the_wizard_and_sees_it_active()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        var name = "QBO books " + Guid.NewGuid().ToString("N")[..6];
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounting" })).ToBeVisibleAsync();
        var qbo = page.GetByLabel("Connector QuickBooks Online");
        await Expect(qbo).ToContainTextAsync("Invoice");
        await Expect(qbo).ToContainTextAsync("Both ways");
        await PortalBrowser.SaveScreenshotAsync(page, "catalog.png");

        await page.GetByRole(AriaRole.Link, new() { Name = "Connect QuickBooks Online" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect QuickBooks Online" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Simulator (local, no network)" })).ToBeCheckedAsync();
        await page.GetByLabel("Connection name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to QuickBooks Online" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(stack.SimulatorsUrl.ToString())}qbo/connect/oauth2"));
        await Expect(page.GetByRole(AriaRole.Heading).First).ToContainTextAsync("QuickBooks Online");
        await page.Locator("#consent-allow").ClickAsync();

        // Back in the wizard, on the test step, with the connection active.
        await Expect(page).ToHaveURLAsync(new Regex($"^{Regex.Escape(stack.WebUrl.ToString())}connect/quickbooks/[0-9a-f-]+\\?.*result=connected"));
        await Expect(page.Locator("[aria-current='step']")).ToContainTextAsync("Test");
        await Expect(page.GetByLabel("Status: Active")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("last-test")).ToContainTextAsync("Succeeded");
        await PortalBrowser.SaveScreenshotAsync(page, "wizard.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await Expect(page.Locator("[aria-current='step']")).ToContainTextAsync("Sync settings");
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Customer", Exact = true })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and start first sync" }).ClickAsync();
        // Either the sync endpoints accept it (first sync step) or their refusal is shown in the Api's words; never silence.
        await Expect(page.GetByText("The first full sync of").Or(page.Locator(".hub-wizard-body [role='alert']"))).ToBeVisibleAsync();

        await page.GotoAsync("integrations");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open connection {name}" }).Or(page.GetByRole(AriaRole.Link, new() { Name = $"Open connection {name}" })).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Status: Active")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("last-test")).ToContainTextAsync("Succeeded");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recent runs" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recent-runs").Or(page.GetByText("No sync runs yet.")).Or(page.GetByTestId("runs-unavailable")))
            .ToBeVisibleAsync();
        // Health also shows the shared rate budget as it stands and the error rates over the last day.
        await Expect(page.GetByTestId("error-rates")).ToContainTextAsync("processed");
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { NameRegex = new Regex(@"^Calls per minute \(this organisation\): \d+ of 500 used$") }))
            .ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { NameRegex = new Regex(@"^Calls in flight \(this organisation\): \d+ of 10 used$") }))
            .ToBeVisibleAsync();
        await PortalBrowser.SaveScreenshotAsync(page, "connection.png");

        // At a phone's width the actions are still there and usable.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(page.GetByLabel("Status: Disconnected")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Xero_granting_two_organisations_is_finished_by_choosing_one_in_the_wizard()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);

        await page.GotoAsync("connect/xero");
        await page.GetByLabel("Connection name").FillAsync("Xero " + Guid.NewGuid().ToString("N")[..6]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to Xero" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2);
        await page.Locator("#consent-allow").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("connect/xero/.*result=choose_organisation"));
        await Expect(page.Locator("[aria-current='step']")).ToContainTextAsync("Organisation");
        var choices = page.GetByRole(AriaRole.Radio);
        await Expect(choices).ToHaveCountAsync(2);
        var second = (await choices.Nth(1).EvaluateAsync<string>("e => e.labels?.[0]?.innerText ?? e.closest('label')?.innerText ?? ''")).Trim();
        Assert.False(string.IsNullOrEmpty(second), "Each organisation is labelled with its name.");
        await page.GetByText(second, new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this organisation" }).ClickAsync();

        await Expect(page.Locator("[aria-current='step']")).ToContainTextAsync("Test");
        await Expect(page.GetByLabel("Status: Active")).ToBeVisibleAsync();
        await Expect(page.Locator(".hub-facts")).ToContainTextAsync(second);
    }

    [Fact]
    public async Task Viewer_sees_a_connection_but_is_offered_no_changes_and_the_api_refuses_them()
    {
        var connectionId = await CreatePendingConnectionAsync("Viewer-visible books");
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var viewer = await browser.SignInNewViewerAsync(stack, "Vic Viewer");
        await viewer.GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();
        await Expect(viewer.GetByLabel("Connector QuickBooks Online")).ToBeVisibleAsync();
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Connect QuickBooks Online" })).ToHaveCountAsync(0);

        await viewer.GotoAsync($"connections/{connectionId}");
        await Expect(viewer.GetByRole(AriaRole.Heading, new() { Name = "Viewer-visible books" })).ToBeVisibleAsync();
        await Expect(viewer.GetByLabel("Status: Not authorised yet")).ToBeVisibleAsync();
        foreach (var action in new[] { "Disconnect", "Test connection", "Reconnect" })
            await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = action })).ToHaveCountAsync(0);

        await viewer.GotoAsync("connect/quickbooks");
        await Expect(viewer.GetByText("Connecting an integration is for the tenant's admins and owners.", new() { Exact = false })).ToBeVisibleAsync();

        // The Api shares the portal's session cookie (same host); with it the viewer is still refused.
        var refused = await viewer.Context.APIRequest.PostAsync(new Uri(stack.ApiUrl, $"api/v1/connections/{connectionId}/disconnect").ToString(),
            new() { Headers = new Dictionary<string, string> { ["X-Hub-Portal"] = "1" } });
        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task Operator_sees_every_tenants_connections_and_counts_on_the_operations_page()
    {
        var name = "Ops watched " + Guid.NewGuid().ToString("N")[..6];
        await CreatePendingConnectionAsync(name);
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOperatorEmail, stack.DemoPassword);

        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operations" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("platform-metrics")).ToContainTextAsync("Runs queued");
        await Expect(page.GetByTestId("platform-metrics").GetByRole(AriaRole.Img, new() { Name = "Runs finished per hour" })).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^Runs finished per hour"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Demo Rentals");
        await Expect(row).ToContainTextAsync("Not authorised yet");
        await Expect(page.Locator("[aria-label^='Not authorised yet: ']")).Not.ToHaveAttributeAsync("aria-label", "Not authorised yet: 0");

        await page.Locator("[aria-label^='Active: ']").ClickAsync();
        await Expect(page.Locator("[aria-label^='Active: ']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(row).ToHaveCountAsync(0);
        await page.Locator("[aria-label^='Active: ']").ClickAsync();
        await Expect(row).ToBeVisibleAsync();
        await PortalBrowser.SaveScreenshotAsync(page, "operations.png");
    }

    /// <summary>A pending connection in the demo tenant, created through the Api with an admin key made directly in the stack's database.</summary>
    private async Task<Guid> CreatePendingConnectionAsync(string displayName)
    {
        await using var db = stack.Database.CreateContext();
        var tenantId = await db.Tenants.Where(t => t.Slug == "demo-rentals").Select(t => t.Id).SingleAsync(Ct);
        var (key, prefix, hash) = ApiKeyFormat.Generate();
        db.ApiKeys.Add(new ApiKey { TenantId = tenantId, Name = "e2e portal", Prefix = prefix, SecretHash = hash, Scopes = [ApiScopes.Admin] });
        await db.SaveChangesAsync(Ct);
        using var api = new HttpClient { BaseAddress = stack.ApiUrl };
        api.DefaultRequestHeaders.Add("X-Api-Key", key);
        var response = await api.PostAsJsonAsync("api/v1/connections", new { provider = "quickbooks", displayName }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
