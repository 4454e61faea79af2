using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntegrationHub.Core.RateLimits;

/// <summary>A refusal: when the budget can next grant, and why (for metrics).</summary>
public sealed record BudgetDecision(bool Granted, long NowMs, TimeSpan Wait, string? Reason);

/// <summary>What one limit of a plan holds right now: calls in its sliding window, or calls in flight.</summary>
public sealed record LimitUsage(BudgetLimit Limit, int Used);

/// <summary>A plan's state at <see cref="At"/>: each limit's use and, when a 429 blocked it, until when nobody may call.</summary>
public sealed record BudgetUsage(DateTimeOffset At, DateTimeOffset? BlockedUntil, IReadOnlyList<LimitUsage> Limits);

/// <summary>
/// The shared budgets in Redis. Every process calls the same scripts on the same keys, so all jobs of all workers
/// that call one provider for one organisation draw from one budget. See <see cref="RateBudgetScripts"/> for the data.
/// </summary>
public sealed class RateBudget(IConnectionMultiplexer redis, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    private RateLimitOptions Options => options.Value;

    /// <summary>
    /// Waits (asynchronously, cancellably) until every limit of the plan has room, books the call in all of them at
    /// once, and returns the lease that frees its concurrency slots. The time waited is added to the open
    /// <see cref="RateLimitWaitScope"/>s and to the metrics.
    /// </summary>
    public async Task<RateLease> AcquireAsync(BudgetPlan plan, CancellationToken ct)
    {
        if (plan.IsEmpty) return RateLease.None;
        var id = Guid.NewGuid().ToString("N");
        var started = clock.GetTimestamp();
        var refused = false;
        while (true)
        {
            var decision = await TryAcquireAsync(plan, id);
            if (decision.Granted)
            {
                if (refused)
                {
                    var waited = clock.GetElapsedTime(started);
                    RateLimitMetrics.Waited(plan.Provider, waited);
                    RateLimitWaitScope.Add(waited);
                }
                return new RateLease(this, plan, id, decision.NowMs);
            }
            refused = true;
            RateLimitMetrics.Refused(plan.Provider, decision.Reason!);
            // A little jitter spreads the waiters that would all wake on the same freed slot.
            var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 15));
            try
            {
                await Task.Delay(decision.Wait + jitter, clock, ct);
            }
            catch (OperationCanceledException)
            {
                var waited = clock.GetElapsedTime(started);
                RateLimitMetrics.Waited(plan.Provider, waited);
                RateLimitWaitScope.Add(waited);
                throw;
            }
        }
    }

    /// <summary>One atomic attempt. <paramref name="at"/> replaces Redis's clock (tests); production passes null.</summary>
    public async Task<BudgetDecision> TryAcquireAsync(BudgetPlan plan, string grantId, DateTimeOffset? at = null)
    {
        var blocks = plan.AppBlockKey is null ? new[] { plan.TenantBlockKey } : [plan.TenantBlockKey, plan.AppBlockKey];
        var keys = blocks.Concat(plan.Limits.Select(l => l.Key)).Select(k => (RedisKey)k).ToArray();
        var args = new List<RedisValue> { Ms(at), blocks.Length, grantId, (long)Options.LeaseTtl.TotalMilliseconds };
        foreach (var limit in plan.Limits)
        {
            args.Add(limit.Kind == BudgetKind.Window ? "w" : "c");
            args.Add(limit.Limit);
            args.Add(limit.WindowMs);
        }
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.Acquire, keys, [.. args]))!;
        var now = (long)result[1];
        if ((long)result[0] == 1) return new BudgetDecision(true, now, TimeSpan.Zero, null);
        long blockedUntil = (long)result[2], windowFreeAt = (long)result[3], leaseExpiresAt = (long)result[4];
        var wait = BudgetMath.WaitMs(now, blockedUntil, windowFreeAt, leaseExpiresAt, (long)Options.ConcurrencyPoll.TotalMilliseconds);
        var reason = blockedUntil > now ? "blocked" : windowFreeAt > 0 ? "window" : "concurrency";
        return new BudgetDecision(false, now, TimeSpan.FromMilliseconds(wait), reason);
    }

    /// <summary>How much of each limit is taken now (reads only: nothing is booked or pruned).</summary>
    public async Task<BudgetUsage> UsageAsync(BudgetPlan plan, DateTimeOffset? at = null)
    {
        var blocks = plan.AppBlockKey is null ? new[] { plan.TenantBlockKey } : [plan.TenantBlockKey, plan.AppBlockKey];
        var keys = blocks.Concat(plan.Limits.Select(l => l.Key)).Select(k => (RedisKey)k).ToArray();
        var args = new List<RedisValue> { Ms(at), blocks.Length };
        foreach (var limit in plan.Limits)
        {
            args.Add(limit.Kind == BudgetKind.Window ? "w" : "c");
            args.Add(limit.WindowMs);
        }
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.Usage, keys, [.. args]))!;
        var now = (long)result[0];
        var blockedUntil = (long)result[1];
        var limits = plan.Limits.Select((l, i) => new LimitUsage(l, (int)(long)result[2 + i])).ToList();
        return new BudgetUsage(DateTimeOffset.FromUnixTimeMilliseconds(now),
            blockedUntil > now ? DateTimeOffset.FromUnixTimeMilliseconds(blockedUntil) : null, limits);
    }

    public async Task ReleaseAsync(BudgetPlan plan, string grantId)
    {
        var keys = plan.Limits.Where(l => l.Kind == BudgetKind.Concurrent).Select(l => (RedisKey)l.Key).ToArray();
        if (keys.Length == 0) return;
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.Release, keys, [grantId]);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // Unreleased, the slot frees itself when the lease's TTL passes.
        }
    }

    /// <summary>The provider reports <paramref name="remaining"/> calls left in a window: book the difference if it has counted more than we have.</summary>
    public async Task<int> ObserveRemainingAsync(BudgetLimit limit, int remaining, DateTimeOffset? at = null)
    {
        var used = BudgetMath.UsedAccordingToProvider(limit.Published, remaining);
        var booked = await redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.Observe, [limit.Key],
            [Ms(at), limit.WindowMs, used, "provider:" + Guid.NewGuid().ToString("N")]);
        return (int)booked;
    }

    /// <summary>Nobody draws from the plan's tenant budget (or the whole app's, for an app-wide 429) until <paramref name="duration"/> has passed.</summary>
    public async Task BlockAsync(BudgetPlan plan, TimeSpan duration, bool appWide, DateTimeOffset? at = null)
    {
        var key = appWide && plan.AppBlockKey is not null ? plan.AppBlockKey : plan.TenantBlockKey;
        await redis.GetDatabase().ScriptEvaluateAsync(RateBudgetScripts.Block, [key], [Ms(at), (long)Math.Ceiling(duration.TotalMilliseconds)]);
    }

    private static RedisValue Ms(DateTimeOffset? at) =>
        at is { } t ? t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : "";
}
