using System.Net.Sockets;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Core.Jobs;

public enum RetryAction { Retry, Fail }

/// <summary>What to do after a failed execution: retry after <see cref="Delay"/> or fail (the dead-letter state).</summary>
/// <param name="CountsAsAttempt">False for rate-limit waits: the provider asked us to wait, the run did not fail.</param>
public sealed record RetryDecision(RetryAction Action, ErrorClass Class, TimeSpan Delay, bool CountsAsAttempt, string Reason);

/// <summary>Pure: classifies an exception and decides retry or fail from the attempt count and the options.</summary>
public static class RetryPolicy
{
    public static ErrorClass Classify(Exception exception) => exception switch
    {
        ConnectorException c => c.Class,
        AggregateException { InnerExceptions.Count: 1 } a => Classify(a.InnerException!),
        // Npgsql, HTTP, sockets, timeouts, Redis: the infrastructure, not the run, failed. Unknown errors are also
        // treated as transient, bounded by the attempt limit, because failing a run forever on a one-off bug is worse.
        _ => ErrorClass.Transient,
    };

    /// <summary>True when the exception is one the retry policy knows to be infrastructure trouble (used for logging only).</summary>
    public static bool IsInfrastructure(Exception exception) =>
        exception is Npgsql.NpgsqlException or HttpRequestException or TimeoutException or SocketException or IOException
            or StackExchange.Redis.RedisException or TaskCanceledException;

    /// <param name="attempt">Counted executions so far, this one included (1 after the first failure).</param>
    /// <param name="rateLimitWaits">Rate-limit waits so far, not counting this one.</param>
    /// <param name="random">A value in [0, 1) for the jitter; pass Random.Shared.NextDouble().</param>
    public static RetryDecision Decide(Exception exception, int attempt, int rateLimitWaits, RetryOptions options, double random)
    {
        var errorClass = Classify(exception);
        switch (errorClass)
        {
            case ErrorClass.RateLimited:
                if (rateLimitWaits >= options.MaxRateLimitWaits)
                    return new(RetryAction.Fail, errorClass, TimeSpan.Zero, false, $"Still rate limited after {rateLimitWaits} waits.");
                var wait = (exception as ConnectorException)?.RetryAfter is { } after && after > TimeSpan.Zero ? after : options.DefaultRateLimitDelay;
                return new(RetryAction.Retry, errorClass, wait, false, $"Rate limited; waiting {wait.TotalSeconds:0.#} s as the provider asked.");
            case ErrorClass.Transient:
                if (attempt >= options.MaxAttempts)
                    return new(RetryAction.Fail, errorClass, TimeSpan.Zero, true, $"Failed {attempt} of {options.MaxAttempts} attempts.");
                var delay = Backoff(attempt, options, random);
                return new(RetryAction.Retry, errorClass, delay, true, $"Attempt {attempt} of {options.MaxAttempts} failed; retrying in {delay.TotalSeconds:0.#} s.");
            case ErrorClass.Auth:
                return new(RetryAction.Fail, errorClass, TimeSpan.Zero, true, "The provider refused the credentials; the connection needs to be re-authorised.");
            default:
                return new(RetryAction.Fail, errorClass, TimeSpan.Zero, true, $"{errorClass} error: retrying would not help.");
        }
    }

    /// <summary>
    /// base × 2^(attempt−1), capped, with "equal jitter": half the delay fixed, the other half random, so retries of
    /// runs that failed together (a provider outage) spread out instead of returning in lockstep.
    /// </summary>
    public static TimeSpan Backoff(int attempt, RetryOptions options, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var raw = Math.Min(options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(raw / 2 + raw / 2 * Math.Clamp(random, 0, 1));
    }
}
