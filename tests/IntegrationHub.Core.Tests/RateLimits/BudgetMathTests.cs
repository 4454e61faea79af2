using IntegrationHub.Core.RateLimits;

namespace IntegrationHub.Core.Tests.RateLimits;

public class BudgetMathTests
{
    [Theory]
    [InlineData(60, 1.0, 60)]
    [InlineData(60, 0.95, 57)]
    [InlineData(500, 0.9, 450)]
    [InlineData(5, 0.5, 2)]
    [InlineData(1, 0.1, 1)]   // never zero: a budget of nothing would stall the connection for good
    [InlineData(10, 0.999, 9)]
    public void Allowance_is_the_floor_of_the_published_count_times_the_factor(int published, double factor, int expected) =>
        Assert.Equal(expected, BudgetMath.Allowance(published, factor));

    [Fact]
    public void Window_includes_the_padding() =>
        Assert.Equal(60_500, BudgetMath.WindowMs(TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(500)));

    [Fact]
    public void A_full_window_waits_until_its_slot_comes_back() =>
        Assert.Equal(400, BudgetMath.WaitMs(now: 1_000, blockedUntil: 0, windowFreeAt: 1_400, leaseExpiresAt: 0, pollMs: 50));

    [Fact]
    public void A_block_outlasting_the_window_wins() =>
        Assert.Equal(30_000, BudgetMath.WaitMs(now: 1_000, blockedUntil: 31_000, windowFreeAt: 1_400, leaseExpiresAt: 0, pollMs: 50));

    [Fact]
    public void A_full_concurrency_limit_is_polled_but_never_past_the_earliest_lease_expiry()
    {
        Assert.Equal(50, BudgetMath.WaitMs(now: 1_000, blockedUntil: 0, windowFreeAt: 0, leaseExpiresAt: 120_000, pollMs: 50));
        Assert.Equal(20, BudgetMath.WaitMs(now: 1_000, blockedUntil: 0, windowFreeAt: 0, leaseExpiresAt: 1_020, pollMs: 50));
    }

    [Fact]
    public void A_refusal_always_waits_at_least_a_millisecond() =>
        Assert.Equal(1, BudgetMath.WaitMs(now: 1_000, blockedUntil: 900, windowFreeAt: 1_000, leaseExpiresAt: 0, pollMs: 50));

    [Theory]
    [InlineData(60, 59, 1)]
    [InlineData(60, 0, 60)]
    [InlineData(60, 60, 0)]
    [InlineData(60, -3, 60)]   // nonsense from a gateway counts as nothing left
    [InlineData(60, 75, 0)]    // more than published: the provider has used nothing we must book
    public void The_provider_has_used_what_it_does_not_report_as_remaining(int published, int remaining, int used) =>
        Assert.Equal(used, BudgetMath.UsedAccordingToProvider(published, remaining));
}
