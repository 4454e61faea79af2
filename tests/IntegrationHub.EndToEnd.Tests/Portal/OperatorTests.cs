using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>An operator onboards a new tenant from the portal and moves their session into it with the tenant switch.</summary>
[Collection("stack")]
public sealed class OperatorTests(StackFixture stack)
{
    [Fact]
    public async Task Operator_creates_a_tenant_and_switches_into_it()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var tenant = $"Acme Logistics {suffix}";

        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOperatorEmail, stack.DemoPassword);
        await page.GetByRole(AriaRole.Link, new() { Name = "Tenants" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Tenant name").FillAsync(tenant);
        await dialog.GetByLabel("Owner email").FillAsync($"owner-{suffix}@acme.local");
        await dialog.GetByLabel("Owner display name").FillAsync("Ada Acme");
        await dialog.GetByLabel("Owner initial password").FillAsync(stack.DemoPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create tenant" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = tenant })).ToContainTextAsync("Active");

        // The tenant list in the app bar comes from /me when the page loads, so reload to see the new tenant there.
        await page.ReloadAsync();
        await page.GetByLabel("Current tenant", new() { Exact = false }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Switch to {tenant}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = tenant })).ToBeVisibleAsync();
        await Expect(page.GetByText("Ada Acme")).ToBeVisibleAsync();
        await page.GotoAsync("audit");
        await Expect(page.GetByText("auth.tenant_switched").First).ToBeVisibleAsync();
    }
}
