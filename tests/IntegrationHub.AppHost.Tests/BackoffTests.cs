using IntegrationHub.AppHost;

namespace IntegrationHub.AppHost.Tests;

public sealed class BackoffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(50, 30)]
    public void Doubles_from_one_second_up_to_thirty(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.Delay(failures));

    [Theory]
    [InlineData(0, "code 0")]
    [InlineData(137, "code 137 (killed: SIGKILL, often the out-of-memory killer)")]
    [InlineData(130, "code 130 (signal 2)")]
    public void Exit_codes_name_the_signal(int code, string expected) => Assert.Equal(expected, ExitDescription.Of(code));
}
