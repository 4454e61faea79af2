using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// Arranging data for portal tests the way a tenant admin would: the QuickBooks wizard in the browser, then the Api with the
/// signed-in user's session cookie (the portal's own header included), so every change goes through the real services.
/// </summary>
public sealed class PortalArrange(StackFixture stack, IPage page)
{
    private static readonly Dictionary<string, string> PortalHeader = new() { ["X-Hub-Portal"] = "1" };

    /// <summary>Connects the simulator's QuickBooks company through the wizard and the consent page; returns the connection id.</summary>
    public async Task<Guid> ConnectQuickBooksAsync(string name)
    {
        await page.GotoAsync("connect/quickbooks");
        await page.GetByLabel("Connection name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to QuickBooks Online" }).ClickAsync();
        await page.Locator("#consent-allow").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("connect/quickbooks/[0-9a-f-]+\\?.*result=connected"));
        return Guid.Parse(Regex.Match(page.Url, "connect/quickbooks/([0-9a-f-]+)").Groups[1].Value);
    }

    /// <summary>The wizard's remaining steps after the consent page: test the connection, keep the default entities, start the first sync.</summary>
    public async Task TestAndStartFirstSyncAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("last-test")).ToContainTextAsync("Succeeded");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and start first sync" }).ClickAsync();
        await Expect(page.GetByText("The first full sync of")).ToBeVisibleAsync();
    }

    /// <summary>Calls /api/v1 as the signed-in user; fails the test on any status but 2xx, with the Api's answer in the message.</summary>
    public async Task<JsonElement> ApiAsync(string method, string path, object? body = null)
    {
        var response = await page.Context.APIRequest.FetchAsync(new Uri(stack.ApiUrl, "api/v1/" + path).ToString(),
            new() { Method = method, Headers = PortalHeader, DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} {path} answered {response.Status}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The simulators' control API (faults, data edits behind the hub's back); property names are sent as written (QBO's PascalCase).</summary>
    public async Task<JsonElement> ControlAsync(string method, string path, object? body = null)
    {
        var response = await page.Context.APIRequest.FetchAsync(new Uri(stack.SimulatorsUrl, "control/" + path).ToString(), new()
        {
            Method = method, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            DataString = body is null ? null : JsonSerializer.Serialize(body),
        });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"{method} control/{path} answered {response.Status}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Starts a sync of the given entities and returns its run id.</summary>
    public async Task<Guid> SyncAsync(Guid connectionId, string mode, params string[] entities)
    {
        var run = await ApiAsync("POST", $"connections/{connectionId}/sync", new { mode, entities });
        return (run.TryGetProperty("run", out var inner) ? inner : run).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the run until it reaches one of <paramref name="statuses"/>; returns the run as the Api describes it.</summary>
    public async Task<JsonElement> WaitForRunAsync(Guid runId, TimeSpan timeout, params string[] statuses)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var detail = await ApiAsync("GET", $"sync-runs/{runId}");
            var run = detail.GetProperty("run");
            if (statuses.Contains(run.GetProperty("status").GetString())) return run;
            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} did not reach {string.Join("/", statuses)} in time: {run}");
            await Task.Delay(500);
        }
    }

    /// <summary>Frees the demo company for the next test (one live connection per company and tenant).</summary>
    public Task DisconnectAsync(Guid connectionId) => ApiAsync("POST", $"connections/{connectionId}/disconnect");
}
