namespace IntegrationHub.EndToEnd.Tests.Stack;

[Collection("stack")]
public sealed class SingleInstanceTests(StackFixture stack)
{
    [Fact]
    public async Task A_second_apphost_on_the_same_state_directory_refuses_to_start_and_touches_nothing()
    {
        using var second = AppHostProcess.Start(stack.Environment);

        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the second AppHost kept running:\n" + second.Output);
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"IntegrationHub is already running (pid {stack.Host.Pid})", second.Output);
        Assert.Empty(second.ChildPids);
        Assert.False(stack.Host.HasExited);
    }
}
