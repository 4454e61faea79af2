namespace IntegrationHub.EndToEnd.Tests;

/// <summary>Its own stack, not the shared one: this test ends it.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_stops_every_service_and_leaves_no_process_behind()
    {
        var stack = new StackFixture();
        await stack.InitializeAsync();
        StopResult result;
        try
        {
            Assert.True(stack.Host.ChildPids.Count >= 6, "expected the migrator and five services:\n" + stack.Host.Output);
            Assert.All(stack.Host.ChildPids.Skip(1), pid => Assert.True(ProcessTable.IsRunning(pid), $"pid {pid} is not running"));
            result = await stack.StopAsync();
        }
        finally
        {
            await stack.DisposeAsync();
        }

        Assert.True(result.IsClean, result.ToString());
        Assert.Contains("SIGTERM received", result.Tail);
    }
}
