using IntegrationHub.Core.RateLimits;

namespace IntegrationHub.Core.Tests.RateLimits;

public class RateLimitWaitScopeTests
{
    [Fact]
    public async Task Waits_in_parallel_tasks_add_up_and_count_in_every_enclosing_scope_until_it_is_disposed()
    {
        using var run = RateLimitWaitScope.Begin();
        using (var page = RateLimitWaitScope.Begin())
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RateLimitWaitScope.Add(TimeSpan.FromMilliseconds(100)), TestContext.Current.CancellationToken)));
            Assert.Equal(TimeSpan.FromMilliseconds(400), page.Waited);
            Assert.Equal(4, page.Waits);
        }
        RateLimitWaitScope.Add(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(450), run.Waited);
        Assert.Equal(5, run.Waits);
    }

    [Fact]
    public void Outside_any_scope_nothing_is_recorded_and_nothing_fails()
    {
        RateLimitWaitScope.Add(TimeSpan.FromSeconds(1));
        using var scope = RateLimitWaitScope.Begin();
        Assert.Equal(TimeSpan.Zero, scope.Waited);
    }
}
