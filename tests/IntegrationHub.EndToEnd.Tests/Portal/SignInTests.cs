using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

[Collection("stack")]
public sealed class SignInTests(StackFixture stack)
{
    [Fact]
    public async Task Wrong_password_is_refused_with_a_clear_message_and_sign_out_ends_the_session()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();

        await PortalBrowser.SignInAsync(page, stack.DemoOwnerEmail, "not-the-password-1");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not correct.");

        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);
        await page.GetByLabel($"Account menu for {stack.DemoOwnerEmail}").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();

        await page.GotoAsync("");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
