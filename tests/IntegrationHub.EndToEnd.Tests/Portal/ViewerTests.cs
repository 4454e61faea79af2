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
        var viewer = await browser.SignInNewViewerAsync(stack, "Vera Viewer");
        await Expect(viewer.Locator("[aria-label='Your role: Viewer']")).ToBeVisibleAsync();
        await Expect(viewer.GetByText(stack.DemoOwnerEmail)).ToBeVisibleAsync();
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Create API key" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Add user" })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Button, new() { NameRegex = new("^Revoke API key") })).ToHaveCountAsync(0);
        await Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
    }
}
