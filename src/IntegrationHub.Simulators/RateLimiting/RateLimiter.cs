using System.Collections.Concurrent;

namespace IntegrationHub.Simulators.RateLimiting;

/// <summary>Which limit a request broke, named as Xero's X-Rate-Limit-Problem header names them.</summary>
public enum RateLimitProblem { None, Minute, Day, Concurrent, AppMinute }

/// <summary>Limits for one call; zero means unlimited.</summary>
public sealed record RateLimits(int PerMinute, int PerDay, int Concurrent, int AppPerMinute);

public sealed record RateDecision(RateLimitProblem Problem, TimeSpan RetryAfter, int MinuteRemaining, int DayRemaining, int AppMinuteRemaining, IDisposable? Lease);

/// <summary>
/// Fixed-window counters per key (minute and day) plus an in-flight counter. Fixed windows are
/// what the vendors' "remaining" headers describe, and they are cheap under load.
/// </summary>
public sealed class RateLimiter(TimeProvider time)
{
    private sealed class Window { public DateTimeOffset Start; public int Count; }

    private sealed class Bucket
    {
        public readonly Window Minute = new();
        public readonly Window Day = new();
        public int InFlight;
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    public RateDecision Acquire(string key, string appKey, RateLimits limits)
    {
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket());
        var app = _buckets.GetOrAdd("app:" + appKey, _ => new Bucket());
        var now = time.GetUtcNow();
        lock (bucket)
        {
            lock (app)
            {
                Roll(bucket.Minute, now, TimeSpan.FromMinutes(1));
                Roll(bucket.Day, now, TimeSpan.FromDays(1));
                Roll(app.Minute, now, TimeSpan.FromMinutes(1));
                var problem = RateLimitProblem.None;
                var retry = TimeSpan.Zero;
                if (limits.Concurrent > 0 && bucket.InFlight >= limits.Concurrent) { problem = RateLimitProblem.Concurrent; retry = TimeSpan.FromSeconds(1); }
                else if (limits.PerDay > 0 && bucket.Day.Count >= limits.PerDay) { problem = RateLimitProblem.Day; retry = bucket.Day.Start.AddDays(1) - now; }
                else if (limits.AppPerMinute > 0 && app.Minute.Count >= limits.AppPerMinute) { problem = RateLimitProblem.AppMinute; retry = app.Minute.Start.AddMinutes(1) - now; }
                else if (limits.PerMinute > 0 && bucket.Minute.Count >= limits.PerMinute) { problem = RateLimitProblem.Minute; retry = bucket.Minute.Start.AddMinutes(1) - now; }
                IDisposable? lease = null;
                if (problem == RateLimitProblem.None)
                {
                    bucket.Minute.Count++;
                    bucket.Day.Count++;
                    app.Minute.Count++;
                    bucket.InFlight++;
                    lease = new Lease(bucket);
                }
                return new RateDecision(problem, retry < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retry,
                    Remaining(limits.PerMinute, bucket.Minute.Count), Remaining(limits.PerDay, bucket.Day.Count),
                    Remaining(limits.AppPerMinute, app.Minute.Count), lease);
            }
        }
    }

    public void Reset() => _buckets.Clear();

    private static int Remaining(int limit, int used) => limit <= 0 ? int.MaxValue : Math.Max(0, limit - used);

    private static void Roll(Window window, DateTimeOffset now, TimeSpan length)
    {
        if (now - window.Start < length) return;
        window.Start = now;
        window.Count = 0;
    }

    private sealed class Lease(Bucket bucket) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                lock (bucket) bucket.InFlight--;
            }
        }
    }
}
