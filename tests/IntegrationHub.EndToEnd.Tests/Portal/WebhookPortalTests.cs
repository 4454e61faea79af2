using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// An owner subscribes a loopback endpoint to record events in the portal, sees the signing secret once, and follows a real
/// delivery (signed with that secret) into the delivery log with its attempt; then rotates the secret and deletes the subscription.
/// </summary>
[Collection("stack")]
public sealed class WebhookPortalTests(StackFixture stack)
{
    [Fact]
    public async Task Owner_creates_a_subscription_sees_the_secret_once_and_a_signed_delivery_in_its_log()
    {
        await using var receiver = new LoopbackReceiver();
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        var arrange = new PortalArrange(stack, page);
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);
        var recordId = "wh-e2e-" + Guid.NewGuid().ToString("N")[..8];
        var url = receiver.Url.ToString();

        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "New subscription" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Endpoint URL").FillAsync("not a url");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();
        await Expect(dialog).ToContainTextAsync("Enter an absolute http:// or https:// URL.");
        await Expect(dialog.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Choose at least one event type." })).ToBeVisibleAsync();

        await dialog.GetByLabel("Endpoint URL").FillAsync(url);
        await dialog.GetByLabel("Description (optional)").FillAsync("E2E receiver");
        await dialog.GetByLabel("Event type record.*", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Event type invoice.paid", new() { Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create subscription" }).ClickAsync();

        var secretDialog = page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "shown only once" });
        await Expect(secretDialog).ToBeVisibleAsync();
        var secret = await page.Locator("#webhook-secret").InputValueAsync();
        Assert.StartsWith("whsec_", secret);
        await secretDialog.GetByRole(AriaRole.Button, new() { Name = "I have stored the secret" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = url });
        await Expect(row).ToContainTextAsync("invoice.paid, record.*");
        await Expect(row.GetByLabel("Status: Enabled")).ToBeVisibleAsync();
        var endpoints = await arrange.ApiAsync("GET", "webhook-endpoints");
        var endpoint = endpoints.EnumerateArray().Single(e => e.GetProperty("url").GetString() == url);
        var endpointId = endpoint.GetProperty("id").GetGuid();
        try
        {
            Assert.Equal(["invoice.paid", "record.*"], endpoint.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()).Order());
            // Shown once: neither the page nor the Api has it any more.
            await page.ReloadAsync();
            await Expect(row).ToBeVisibleAsync();
            Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, endpoints.GetRawText(), StringComparison.Ordinal);
            await PortalBrowser.SaveScreenshotAsync(page, "webhooks.png");

            // The host app pushes a customer: record.created goes out to the subscription, signed with the secret shown.
            await arrange.ApiAsync("POST", "records/Customer", new { id = recordId, displayName = "Webhook E2E Ltd" });
            var delivered = await WaitForAsync(() => receiver.Received.FirstOrDefault(w => w.Body.Contains(recordId, StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
            Assert.True(Verify(secret, delivered), $"The delivery is signed with the secret shown once: {delivered.Signature}");
            Assert.Equal("record.created", JsonDocument.Parse(delivered.Body).RootElement.GetProperty("type").GetString());

            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delivery log" })).ToBeVisibleAsync();
            var message = page.GetByRole(AriaRole.Row).Filter(new() { HasText = delivered.Id });
            await RefreshUntilVisibleAsync(page, message.GetByTestId("message-status").Filter(new() { HasText = "Delivered" }));
            await message.GetByRole(AriaRole.Button, new() { Name = $"Attempts of message {delivered.Id}" }).ClickAsync();
            var attempts = page.GetByTestId("attempts-table");
            await Expect(attempts.GetByTestId("attempt-status").First).ToHaveTextAsync("200");
            await Expect(attempts).ToContainTextAsync(LoopbackReceiver.Answer);
            await Expect(attempts).ToContainTextAsync(new Regex(@"\d+(\.\d)? m?s"));
            await PortalBrowser.SaveScreenshotAsync(page, "webhook-delivery-log.png");

            // Resend: the same message (same webhook-id) arrives again.
            await message.GetByRole(AriaRole.Button, new() { Name = $"Resend message {delivered.Id}" }).ClickAsync();
            await Expect(page.GetByText("Message queued to be sent again")).ToBeVisibleAsync();
            await WaitForAsync(() => receiver.Received.Count(w => w.Id == delivered.Id) >= 2 ? delivered : null, TimeSpan.FromSeconds(60));

            await page.GetByRole(AriaRole.Button, new() { Name = "Recover messages" }).ClickAsync();
            await Expect(page.GetByText("Nothing to recover in that range")).ToBeVisibleAsync();

            // Rotation shows the new secret once and explains the overlap.
            await page.GotoAsync("webhooks");
            await row.GetByRole(AriaRole.Button, new() { Name = $"Rotate secret of {url}" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Rotate" }).ClickAsync();
            await Expect(page.GetByTestId("rotation-overlap")).ToContainTextAsync("previous secret keeps signing until");
            var rotated = await page.Locator("#webhook-secret").InputValueAsync();
            Assert.StartsWith("whsec_", rotated);
            Assert.NotEqual(secret, rotated);
            await page.GetByRole(AriaRole.Button, new() { Name = "I have stored the secret" }).ClickAsync();

            // Disable, then delete after the confirmation.
            await row.GetByLabel($"Enabled: {url}", new() { Exact = true }).UncheckAsync();
            await Expect(row.GetByLabel("Status: Disabled")).ToBeVisibleAsync();
            await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {url}" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(row).ToHaveCountAsync(0);
        }
        finally
        {
            // Other tests share the demo tenant: leave no subscription and no test record behind.
            await page.Context.APIRequest.DeleteAsync(new Uri(stack.ApiUrl, $"api/v1/webhook-endpoints/{endpointId}").ToString(),
                new() { Headers = new Dictionary<string, string> { ["X-Hub-Portal"] = "1" } });
            await page.Context.APIRequest.DeleteAsync(new Uri(stack.ApiUrl, $"api/v1/records/Customer/{recordId}").ToString(),
                new() { Headers = new Dictionary<string, string> { ["X-Hub-Portal"] = "1" } });
        }
    }

    /// <summary>The delivery log is a snapshot: refresh it until the expected row shows.</summary>
    private static async Task RefreshUntilVisibleAsync(IPage page, ILocator locator)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await locator.CountAsync() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The delivery did not show in the log in time.");
            await Task.Delay(1000);
            await page.GetByRole(AriaRole.Button, new() { Name = "Refresh messages" }).ClickAsync();
        }
        await Expect(locator).ToBeVisibleAsync();
    }

    private static async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook?> find, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (find() is { } found) return found;
            Assert.True(DateTime.UtcNow < deadline, "The receiver got no matching delivery in time.");
            await Task.Delay(250);
        }
    }

    /// <summary>Standard Webhooks v1: HMAC-SHA256 over "id.timestamp.body" with the base64 key after "whsec_".</summary>
    private static bool Verify(string secret, ReceivedWebhook webhook)
    {
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.{webhook.Body}")));
        return webhook.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("v1," + expected);
    }
}
