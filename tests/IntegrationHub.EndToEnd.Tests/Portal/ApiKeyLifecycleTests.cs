using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// The path a tenant owner takes to connect their host application: sign in, create a key, copy it, use it, revoke it.
/// Everything goes through the real portal in Chromium and the real Api over HTTP.
/// </summary>
[Collection("stack")]
public sealed class ApiKeyLifecycleTests(StackFixture stack)
{
    [Fact]
    public async Task Owner_creates_uses_and_revokes_an_api_key_through_the_portal()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();

        // An anonymous visit lands on the sign-in page.
        await page.GotoAsync("");
        await Expect(page).ToHaveURLAsync(new Uri(stack.WebUrl, "signin?ReturnUrl=%2F").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await PortalBrowser.SaveScreenshotAsync(page, "signin.png");

        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Demo Rentals" })).ToBeVisibleAsync();

        var name = "Rental backend " + Guid.NewGuid().ToString("N")[..6];
        var key = await CreateKeyAsync(page, name);
        var prefix = key[..key.IndexOf('_', 4)];
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync(prefix);
        await Expect(row).ToContainTextAsync("Active");
        await Expect(page.GetByText("API key copied to the clipboard.")).ToBeHiddenAsync(new() { Timeout = 15_000 });
        await PortalBrowser.SaveScreenshotAsync(page, "home.png");

        Assert.Equal(HttpStatusCode.OK, await GetTenantWithKeyAsync(key));

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke API key {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");

        Assert.Equal(HttpStatusCode.Unauthorized, await GetTenantWithKeyAsync(key));
    }

    /// <summary>Fills the create dialog, then returns the key shown (once) in the confirmation dialog.</summary>
    private static async Task<string> CreateKeyAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create API key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync(name);
        await dialog.GetByLabel("Scope write").CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var shown = page.Locator("#created-api-key");
        await Expect(shown).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ihk_[0-9a-f]{8}_"));
        await Expect(page.GetByText("it is shown only once", new() { Exact = false })).ToBeVisibleAsync();
        var key = await shown.InputValueAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy key" }).ClickAsync();
        await Expect(page.GetByText("API key copied to the clipboard.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(shown).ToHaveCountAsync(0);
        return key;
    }

    private async Task<HttpStatusCode> GetTenantWithKeyAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = stack.ApiUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/tenant");
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
