using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Portal;

/// <summary>
/// A sync job that fails for good (QuickBooks refuses every query, a non-retryable error) lands in the dead letter; once the
/// fault is gone an owner redrives it from the page and the run completes.
/// </summary>
[Collection("stack")]
public sealed class DeadLetterPortalTests(StackFixture stack)
{
    [Fact]
    public async Task Owner_redrives_a_dead_job_from_the_dead_letter_page_and_the_run_completes()
    {
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        var arrange = new PortalArrange(stack, page);
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);
        var connectionId = await arrange.ConnectQuickBooksAsync("QBO dead letter " + Guid.NewGuid().ToString("N")[..6]);
        try
        {
            await arrange.ControlAsync("POST", "faults", new { vendor = "qbo", pathContains = "/v3/company/", kind = "Error", statusCode = 400 });
            var runId = await arrange.SyncAsync(connectionId, "full", "Customer");
            var failed = await arrange.WaitForRunAsync(runId, TimeSpan.FromSeconds(120), "failed", "succeeded", "completed_with_errors");
            Assert.Equal("failed", failed.GetProperty("status").GetString());
            var jobId = await DeadJobAsync(arrange, runId);
            await arrange.ControlAsync("DELETE", "faults");

            await page.GetByRole(AriaRole.Link, new() { Name = "Dead letter" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dead letter" })).ToBeVisibleAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = $"Redrive job {jobId}" }) });
            await Expect(row).ToContainTextAsync("QuickBooks");
            await PortalBrowser.SaveScreenshotAsync(page, "dead-letter.png");

            await row.GetByRole(AriaRole.Button, new() { Name = $"Redrive job {jobId}" }).ClickAsync();
            await Expect(page.GetByText("1 job(s) queued again")).ToBeVisibleAsync();
            await Expect(row).ToHaveCountAsync(0);
            var done = await arrange.WaitForRunAsync(runId, TimeSpan.FromSeconds(120), "succeeded", "completed_with_errors", "failed");
            Assert.NotEqual("failed", done.GetProperty("status").GetString());
        }
        finally
        {
            await arrange.ControlAsync("DELETE", "faults");
            await arrange.DisconnectAsync(connectionId);
        }
    }

    /// <summary>The dead-letter entry of the run (the job moves there once the worker gives up).</summary>
    private static async Task<string> DeadJobAsync(PortalArrange arrange, Guid runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var page = await arrange.ApiAsync("GET", "dead-letter?pageSize=100");
            var entry = page.GetProperty("items").EnumerateArray().FirstOrDefault(d => d.GetProperty("runId").GetGuid() == runId);
            if (entry.ValueKind != System.Text.Json.JsonValueKind.Undefined) return entry.GetProperty("jobId").GetString()!;
            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} failed but its job is not in the dead letter.");
            await Task.Delay(500);
        }
    }
}
