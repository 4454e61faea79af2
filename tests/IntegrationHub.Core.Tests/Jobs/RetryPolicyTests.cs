using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Core.Tests.Jobs;

public class RetryPolicyTests
{
    private static readonly RetryOptions Options = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(60), MaxRateLimitWaits = 3 };

    [Theory]
    [InlineData(1, 0.0, 5)]
    [InlineData(1, 1.0, 10)]
    [InlineData(2, 0.0, 10)]
    [InlineData(3, 0.5, 30)]
    [InlineData(4, 1.0, 60)]
    [InlineData(10, 0.0, 30)]
    public void Backoff_doubles_is_capped_and_keeps_half_fixed(int attempt, double random, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.Backoff(attempt, Options, random));

    [Fact]
    public void Transient_errors_retry_until_the_attempt_limit()
    {
        var retry = RetryPolicy.Decide(new ConnectorException(ErrorClass.Transient, "503"), 3, 0, Options, 0.5);
        Assert.Equal(RetryAction.Retry, retry.Action);
        Assert.True(retry.CountsAsAttempt);
        Assert.Equal(TimeSpan.FromSeconds(30), retry.Delay);
        Assert.Equal(RetryAction.Fail, RetryPolicy.Decide(new ConnectorException(ErrorClass.Transient, "503"), 4, 0, Options, 0.5).Action);
    }

    [Fact]
    public void Infrastructure_and_unknown_exceptions_are_transient()
    {
        foreach (var ex in new Exception[] { new HttpRequestException("reset"), new TimeoutException(), new Npgsql.NpgsqlException("gone"), new InvalidOperationException("bug") })
        {
            Assert.Equal(ErrorClass.Transient, RetryPolicy.Classify(ex));
            Assert.Equal(RetryAction.Retry, RetryPolicy.Decide(ex, 1, 0, Options, 0).Action);
        }
    }

    [Fact]
    public void Rate_limits_wait_the_providers_delay_without_counting_until_the_wait_limit()
    {
        var limited = new ConnectorException(ErrorClass.RateLimited, "429") { RetryAfter = TimeSpan.FromSeconds(42) };
        var decision = RetryPolicy.Decide(limited, 4, 2, Options, 0.9);
        Assert.Equal(RetryAction.Retry, decision.Action);
        Assert.False(decision.CountsAsAttempt);
        Assert.Equal(TimeSpan.FromSeconds(42), decision.Delay);
        Assert.Equal(Options.DefaultRateLimitDelay, RetryPolicy.Decide(new ConnectorException(ErrorClass.RateLimited, "429"), 1, 0, Options, 0).Delay);
        Assert.Equal(RetryAction.Fail, RetryPolicy.Decide(limited, 1, 3, Options, 0).Action);
    }

    [Theory]
    [InlineData(ErrorClass.Auth)]
    [InlineData(ErrorClass.Permanent)]
    [InlineData(ErrorClass.Validation)]
    [InlineData(ErrorClass.Stale)]
    [InlineData(ErrorClass.Duplicate)]
    public void Other_classes_fail_at_once(ErrorClass errorClass)
    {
        var decision = RetryPolicy.Decide(new ConnectorException(errorClass, "no"), 1, 0, Options, 0);
        Assert.Equal(RetryAction.Fail, decision.Action);
        Assert.Equal(errorClass, decision.Class);
    }

    [Fact]
    public void An_invalid_cursor_is_permanent() =>
        Assert.Equal(RetryAction.Fail, RetryPolicy.Decide(new InvalidCursorException("x", "bad"), 1, 0, Options, 0).Action);
}
