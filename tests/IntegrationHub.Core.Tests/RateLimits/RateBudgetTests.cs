using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.RateLimits;

namespace IntegrationHub.Core.Tests.RateLimits;

public class RateBudgetTests(RedisBudgetFixture redis) : IClassFixture<RedisBudgetFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static BudgetPlan Plan(string provider, RateLimitOptions options, string tenant = "org", string? app = "client", params RateLimitDimension[] dimensions) =>
        BudgetPlan.For(provider, "sim.test:1", dimensions, options, Guid.NewGuid(), tenant, app);

    private static string Id() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_window_grants_its_count_then_waits_exactly_until_the_oldest_call_leaves_it()
    {
        var options = RedisBudgetFixture.Options();
        var budget = redis.Budget(options);
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions: new RateLimitDimension("tenant", 3, TimeSpan.FromSeconds(1)));
        Assert.True((await budget.TryAcquireAsync(plan, Id(), T0)).Granted);
        Assert.True((await budget.TryAcquireAsync(plan, Id(), T0.AddMilliseconds(200))).Granted);
        Assert.True((await budget.TryAcquireAsync(plan, Id(), T0.AddMilliseconds(400))).Granted);
        var refused = await budget.TryAcquireAsync(plan, Id(), T0.AddMilliseconds(500));
        Assert.False(refused.Granted);
        Assert.Equal(("window", TimeSpan.FromMilliseconds(500)), (refused.Reason, refused.Wait));
        Assert.False((await budget.TryAcquireAsync(plan, Id(), T0.AddMilliseconds(999))).Granted);
        Assert.True((await budget.TryAcquireAsync(plan, Id(), T0.AddMilliseconds(1000))).Granted);
        // Sliding, not fixed: the calls at 200 and 400 ms still count, so the next slot is at 1200 ms.
        var next = await budget.TryAcquireAsync(plan, Id(), T0.AddMilliseconds(1001));
        Assert.Equal(TimeSpan.FromMilliseconds(199), next.Wait);
    }

    [Fact]
    public async Task A_call_is_booked_in_every_limit_or_in_none()
    {
        var options = RedisBudgetFixture.Options();
        var budget = redis.Budget(options);
        var provider = RedisBudgetFixture.Provider();
        RateLimitDimension[] dims = [new("tenant", 5, TimeSpan.FromSeconds(10)), new("app", 2, TimeSpan.FromSeconds(10))];
        var orgA = Plan(provider, options, "org-a", "client", dims);
        var orgB = Plan(provider, options, "org-b", "client", dims);
        Assert.True((await budget.TryAcquireAsync(orgA, Id(), T0)).Granted);
        Assert.True((await budget.TryAcquireAsync(orgB, Id(), T0)).Granted);
        // The app-wide limit (2) is used up by two organisations together; org A's own limit (5) is not.
        Assert.False((await budget.TryAcquireAsync(orgA, Id(), T0)).Granted);
        Assert.False((await budget.TryAcquireAsync(orgB, Id(), T0)).Granted);
        // The refusals booked nothing: once the app window passes, org A still has 4 of its 5.
        for (var i = 0; i < 2; i++) Assert.True((await budget.TryAcquireAsync(orgA, Id(), T0.AddSeconds(10 + i * 0.001))).Granted);
        Assert.False((await budget.TryAcquireAsync(orgA, Id(), T0.AddSeconds(10.002))).Granted);
    }

    [Fact]
    public async Task A_lease_that_is_never_released_frees_its_slot_when_its_ttl_passes()
    {
        var options = RedisBudgetFixture.Options(o => o.LeaseTtl = TimeSpan.FromSeconds(30));
        var budget = redis.Budget(options);
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions: new RateLimitDimension("tenant", Concurrent: 1));
        Assert.True((await budget.TryAcquireAsync(plan, Id(), T0)).Granted);   // the holder crashes here
        var refused = await budget.TryAcquireAsync(plan, Id(), T0.AddSeconds(29.99));
        Assert.Equal(("concurrency", TimeSpan.FromMilliseconds(10)), (refused.Reason, refused.Wait));
        Assert.True((await budget.TryAcquireAsync(plan, Id(), T0.AddSeconds(30))).Granted);
    }

    [Fact]
    public async Task A_released_lease_frees_its_slot_at_once_for_another_process()
    {
        var options = RedisBudgetFixture.Options();
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions: new RateLimitDimension("tenant", Concurrent: 1));
        var lease = await redis.Budget(options, 0).AcquireAsync(plan, Ct);
        Assert.False((await redis.Budget(options, 1).TryAcquireAsync(plan, Id())).Granted);
        await lease.DisposeAsync();
        Assert.True((await redis.Budget(options, 1).TryAcquireAsync(plan, Id())).Granted);
    }

    [Fact]
    public async Task Concurrent_draws_from_many_tasks_in_several_processes_never_exceed_the_window_or_the_concurrency()
    {
        const int perWindow = 10, concurrent = 3;
        var window = TimeSpan.FromMilliseconds(800);
        var options = RedisBudgetFixture.Options();
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions:
            [new RateLimitDimension("tenant", perWindow, window), new RateLimitDimension("tenant", Concurrent: concurrent)]);
        var grants = new ConcurrentBag<long>();
        int inFlight = 0, maxInFlight = 0;
        var until = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 12).Select(worker => Task.Run(async () =>
        {
            var budget = redis.Budget(options, worker % redis.Processes.Length);
            while (until.Elapsed < TimeSpan.FromSeconds(2.5))
            {
                await using var lease = await budget.AcquireAsync(plan, Ct);
                grants.Add(lease.GrantedAtMs);
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(Random.Shared.Next(5, 40), Ct);
                Interlocked.Decrement(ref inFlight);
            }
        }, Ct)).ToArray();
        await Task.WhenAll(workers);

        Assert.InRange(maxInFlight, 1, concurrent);
        // Grant times by Redis's clock, the one every process shares: no 800 ms interval may hold more than 10.
        var times = grants.Order().ToArray();
        var worst = times.Select((t, i) => times.Skip(i).TakeWhile(u => u - t < (long)window.TotalMilliseconds).Count()).Max();
        Assert.InRange(worst, 1, perWindow);
        // And the budget is used, not starved: 2.5 s of 800 ms windows allows at least 3 full windows.
        Assert.True(times.Length >= 3 * perWindow, $"only {times.Length} grants");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    [Fact]
    public async Task A_429_with_retry_after_blocks_everyone_on_that_organisation_and_only_them()
    {
        var options = RedisBudgetFixture.Options();
        var provider = RedisBudgetFixture.Provider();
        RateLimitDimension[] dims = [new("tenant", 100, TimeSpan.FromMinutes(1))];
        var plan = Plan(provider, options, "org-a", "client", dims);
        var lease = await redis.Budget(options, 0).AcquireAsync(plan, Ct);
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        throttled.Headers.TryAddWithoutValidation("Retry-After", "20");
        await redis.Limiter(options, 0).ObserveAsync(lease, throttled);
        await lease.DisposeAsync();

        var other = await redis.Budget(options, 2).TryAcquireAsync(Plan(provider, options, "org-a", "client", dims), Id());
        Assert.Equal("blocked", other.Reason);
        Assert.InRange(other.Wait, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(20));
        Assert.True((await redis.Budget(options, 2).TryAcquireAsync(Plan(provider, options, "org-b", "client", dims), Id())).Granted);

        // A waiting caller gives up when cancelled, and the time it waited is still observed.
        using var scope = RateLimitWaitScope.Begin();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => redis.Budget(options, 1).AcquireAsync(plan, cancel.Token));
        Assert.InRange(scope.Waited, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task An_app_wide_429_blocks_every_organisation_of_the_app()
    {
        var options = RedisBudgetFixture.Options();
        var provider = RedisBudgetFixture.Provider();
        RateLimitDimension[] dims = [new("tenant", 100, TimeSpan.FromMinutes(1)), new("app", 1000, TimeSpan.FromMinutes(1))];
        var lease = await redis.Budget(options).AcquireAsync(Plan(provider, options, "org-a", "client", dims), Ct);
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        throttled.Headers.TryAddWithoutValidation("Retry-After", "5");
        throttled.Headers.TryAddWithoutValidation("X-Rate-Limit-Problem", "appminute");
        await redis.Limiter(options).ObserveAsync(lease, throttled);
        Assert.Equal("blocked", (await redis.Budget(options, 1).TryAcquireAsync(Plan(provider, options, "org-b", "client", dims), Id())).Reason);
        Assert.True((await redis.Budget(options, 1).TryAcquireAsync(Plan(provider, options, "org-b", "other-app", dims), Id())).Granted);
    }

    [Fact]
    public async Task A_429_without_retry_after_blocks_for_the_providers_default()
    {
        var options = RedisBudgetFixture.Options(o => o.DefaultRetryAfter = TimeSpan.FromSeconds(60));
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions: new RateLimitDimension("tenant", 500, TimeSpan.FromMinutes(1)));
        var lease = await redis.Budget(options).AcquireAsync(plan, Ct);
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);   // QBO: fault 003001, no Retry-After
        await redis.Limiter(options).ObserveAsync(lease, throttled);
        var refused = await redis.Budget(options, 1).TryAcquireAsync(plan, Id());
        Assert.InRange(refused.Wait, TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Remaining_headers_lower_the_budget_when_the_provider_counted_more()
    {
        var options = RedisBudgetFixture.Options();
        var budget = redis.Budget(options);
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions:
            [new RateLimitDimension("tenant", 60, TimeSpan.FromMinutes(1), RemainingHeader: "X-MinLimit-Remaining"),
             new RateLimitDimension("tenant", 5000, TimeSpan.FromDays(1), RemainingHeader: "X-DayLimit-Remaining")]);
        var lease = await budget.AcquireAsync(plan, Ct);
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        // Someone else used this organisation: the provider has 3 calls left this minute, plenty today.
        response.Headers.TryAddWithoutValidation("X-MinLimit-Remaining", "3");
        response.Headers.TryAddWithoutValidation("X-DayLimit-Remaining", "4999");
        await redis.Limiter(options).ObserveAsync(lease, response);
        await lease.DisposeAsync();

        var granted = 0;
        while ((await budget.TryAcquireAsync(plan, Id())).Granted) granted++;
        Assert.Equal(3, granted);

        // A provider reporting more than we counted never raises the budget.
        var lease2 = await budget.AcquireAsync(Plan(RedisBudgetFixture.Provider(), options, dimensions:
            new RateLimitDimension("tenant", 2, TimeSpan.FromMinutes(1), RemainingHeader: "X-MinLimit-Remaining")), Ct);
        using var generous = new HttpResponseMessage(HttpStatusCode.OK);
        generous.Headers.TryAddWithoutValidation("X-MinLimit-Remaining", "2");
        await redis.Limiter(options).ObserveAsync(lease2, generous);
        Assert.True((await budget.TryAcquireAsync(lease2.Plan!, Id())).Granted);
        Assert.False((await budget.TryAcquireAsync(lease2.Plan!, Id())).Granted);
    }

    [Fact]
    public async Task Waiting_for_a_slot_is_observable_in_the_wait_scope()
    {
        var options = RedisBudgetFixture.Options();
        var budget = redis.Budget(options);
        var plan = Plan(RedisBudgetFixture.Provider(), options, dimensions: new RateLimitDimension("tenant", 2, TimeSpan.FromMilliseconds(600)));
        using var outer = RateLimitWaitScope.Begin();
        await using (await budget.AcquireAsync(plan, Ct)) { }
        await using (await budget.AcquireAsync(plan, Ct)) { }
        Assert.Equal(TimeSpan.Zero, outer.Waited);
        var watch = Stopwatch.StartNew();
        using (var inner = RateLimitWaitScope.Begin())
        {
            await Task.Run(async () => { await using var _ = await budget.AcquireAsync(plan, Ct); }, Ct);
            Assert.InRange(inner.Waited, TimeSpan.FromMilliseconds(450), watch.Elapsed);
            Assert.Equal(1, inner.Waits);
        }
        Assert.Equal(1, outer.Waits);
        Assert.True(outer.Waited >= TimeSpan.FromMilliseconds(450));
    }

    [Fact]
    public async Task Disabled_budgets_never_wait_and_touch_nothing()
    {
        var provider = RedisBudgetFixture.Provider();
        var options = RedisBudgetFixture.Options(o => o.Enabled = false);
        options.Providers[provider] = new ProviderRateLimitOptions { Dimensions = [new("tenant", 1, TimeSpan.FromHours(1))] };
        var limiter = redis.Limiter(options);
        var connection = new Connections.Connection { Provider = provider, Environment = "simulator", DisplayName = "x", ExternalTenantId = "org" };
        var connector = Connector(provider);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 50; i++)
        {
            await using var lease = await limiter.AcquireAsync(connection, connector, Ct);
            Assert.Same(RateLease.None, lease);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2));
        var keys = redis.Processes[0].GetServers()[0].Keys(pattern: $"hub:rl:{{{provider}@*").ToArray();
        Assert.Empty(keys);

        // Switched off for one provider only, the others keep their budgets.
        var perProvider = RedisBudgetFixture.Options();
        perProvider.Providers[provider] = new ProviderRateLimitOptions { Enabled = false };
        Assert.False(redis.Limiter(perProvider).IsEnabled(provider));
        Assert.True(redis.Limiter(perProvider).IsEnabled("xero"));
    }

    [Fact]
    public async Task A_connection_draws_from_its_published_limits_through_the_limiter()
    {
        var provider = RedisBudgetFixture.Provider();
        var options = RedisBudgetFixture.Options();
        var limiter = redis.Limiter(options);
        var connector = Connector(provider, new RateLimitDimension("tenant", 2, TimeSpan.FromMinutes(1)));
        var first = new Connections.Connection { Provider = provider, Environment = "simulator", DisplayName = "a", ExternalTenantId = "org" };
        var second = new Connections.Connection { Provider = provider, Environment = "simulator", DisplayName = "b", ExternalTenantId = "org" };
        await using (await limiter.AcquireAsync(first, connector, Ct)) { }
        await using (await limiter.AcquireAsync(second, connector, Ct)) { }
        // Both hub connections point at the same organisation: its budget of 2 is spent.
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync(first, connector, cancel.Token));
    }

    private static ConnectorMetadata Connector(string key, params RateLimitDimension[] limits) => new(
        key, key, "test", "test", new AuthMetadata(AuthKind.ApiKey, ApiKeyHeader: "X-Key"), null,
        new Dictionary<string, EnvironmentMetadata> { ["simulator"] = new(ApiBaseUrl: "http://127.0.0.1/") }, limits, null,
        [new EntityMetadata("Customer", "customers", ["inbound"])]);
}
