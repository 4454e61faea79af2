using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>A viewer sees the tenant's keys and users but is offered none of the actions the Api would refuse them.</summary>
[Collection("stack")]
public sealed class ViewerTests(StackFixture stack)
{
    [Fact]
    public async Task Viewer_sees_keys_and_users_but_no_create_or_manage_buttons()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var email = $"viewer-{Guid.NewGuid():N}"[..15] + "@demo.local";

        var owner = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(owner, stack.DemoOwnerEmail, stack.DemoPassword);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var dialog = owner.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Display name").FillAsync("Vera Viewer");
        await dialog.GetByLabel("Initial password").FillAsync(stack.DemoPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Expect(owner.GetByText(email)).ToBeVisibleAsync();

        var viewer = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(viewer, email, stack.DemoPassword);
        await Expect(viewer.Locator("[aria-label='Your role: Viewer']")).ToBeVisibleAsync();
        await Expect(viewer.GetByText(stack.DemoOwnerEmail)).ToBeVisibleAsync();
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Create API key" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Add user" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { NameRegex = new("^Revoke API key") })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
    }
}
