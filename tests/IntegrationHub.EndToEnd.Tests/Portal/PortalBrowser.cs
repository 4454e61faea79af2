using IntegrationHub.Testing;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// Debian's Chromium driven by Playwright (it cannot download its own browser here), one isolated browser context per
/// test, with helpers for what every portal test does first: sign in.
/// </summary>
public sealed class PortalBrowser : IAsyncDisposable
{
    // Without the background-networking flags Chromium keeps calling hosts that this closed network refuses.
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private PortalBrowser(IPlaywright playwright, IBrowser browser, Uri webUrl) => (_playwright, _browser, WebUrl) = (playwright, browser, webUrl);

    public Uri WebUrl { get; }

    public static async Task<PortalBrowser> LaunchAsync(Uri webUrl)
    {
        // The first page of a freshly started stack compiles a lot of code on a 2-core machine; 5 s (the default) is too tight.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh temporary profile (it refuses --user-data-dir in Args).
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        return new PortalBrowser(playwright, browser, webUrl);
    }

    /// <summary>A fresh context (own cookies) at desktop width, allowed to use the clipboard for the copy button.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = WebUrl.GetLeftPart(UriPartial.Authority) });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Signs in and waits until the interactive portal has loaded the tenant from the Api.</summary>
    public static async Task SignInToHomeAsync(IPage page, string email, string password)
    {
        await SignInAsync(page, email, password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[aria-label^='Users: ']")).ToHaveTextAsync(new Regex(@"^\d+$"));
    }

    /// <summary>
    /// The owner adds a viewer through the home page's *Add user* dialog (in a page of its own); returns a new page signed in
    /// as that viewer, <paramref name="width"/> pixels wide.
    /// </summary>
    public async Task<IPage> SignInNewViewerAsync(StackFixture stack, string displayName, int width = 1280)
    {
        var email = $"viewer-{Guid.NewGuid():N}"[..15] + "@demo.local";
        var owner = await NewPageAsync();
        await SignInToHomeAsync(owner, stack.DemoOwnerEmail, stack.DemoPassword);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        var dialog = owner.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Display name").FillAsync(displayName);
        await dialog.GetByLabel("Initial password").FillAsync(stack.DemoPassword);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
        await Assertions.Expect(owner.GetByText(email)).ToBeVisibleAsync();

        var viewer = await NewPageAsync(width);
        await SignInToHomeAsync(viewer, email, stack.DemoPassword);
        return viewer;
    }

    /// <summary>Screenshots for the docs live in the repository, so the README can show the real portal.</summary>
    public static Task SaveScreenshotAsync(IPage page, string fileName)
    {
        var directory = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(directory);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
