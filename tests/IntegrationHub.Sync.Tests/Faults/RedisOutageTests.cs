using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace IntegrationHub.Sync.Tests.Faults;

/// <summary>The worker fixture on a Redis of its own, which the test stops and starts again.</summary>
public sealed class PrivateRedisFixture : WorkerFaultFixture
{
    private readonly PrivateRedis _redis;

    public PrivateRedisFixture() : this(new PrivateRedis()) { }

    private PrivateRedisFixture(PrivateRedis redis) : base(TestDatabase.OnOwnServers(redisConnectionString: redis.ConnectionString)) => _redis = redis;

    public PrivateRedis Redis => _redis;

    public override async ValueTask InitializeAsync()
    {
        await _redis.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await _redis.DisposeAsync();
        }
    }
}

/// <summary>
/// Redis stopped while a SyncWorker process is mid-run: the run goes on (rate budgets fall back to unbudgeted calls,
/// progress messages are skipped), its events wait in the outbox, and once Redis is back the relay publishes every one.
/// </summary>
[Collection(WorkerFaults.Name)]
public sealed class RedisOutageTests(PrivateRedisFixture fixture, ITestOutputHelper output) : IClassFixture<PrivateRedisFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Fact]
    public async Task Events_of_a_run_that_went_on_while_redis_was_down_all_reach_the_tenant_stream_once_it_is_back()
    {
        var qbo = await fixture.ConnectAsync(WorkerFaultFixture.Customers, Ct);
        await fixture.SlowQueriesAsync();
        await fixture.StartWorkersAsync(1, ("Events__Outbox__InitialBackoff", "00:00:00.200"), ("Events__Outbox__MaxBackoff", "00:00:02"));

        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        var midway = await fixture.WaitForRunAsync(runId, r => r is { Status: SyncRunStatus.Running, Pages: >= 1 }, TimeSpan.FromMinutes(3), "running, a page done");
        await fixture.Redis.StopAsync();
        var down = System.Diagnostics.Stopwatch.StartNew();
        // A page committed while Redis is away: its events can only be in the outbox.
        var during = await fixture.WaitForRunAsync(runId, r => r.Pages > midway.Pages || r.Status != SyncRunStatus.Running, TimeSpan.FromMinutes(2), "a page done without Redis");
        var waiting = await UnpublishedAsync(qbo.TenantId);
        await fixture.Redis.StartAsync();
        var outage = down.Elapsed;

        var run = await fixture.WaitForRunAsync(runId, r => r.Status is SyncRunStatus.Succeeded or SyncRunStatus.CompletedWithErrors or SyncRunStatus.Failed, TimeSpan.FromMinutes(3), "finished");
        await fixture.WaitUntilAsync(async () => await UnpublishedAsync(qbo.TenantId) == 0, TimeSpan.FromSeconds(60), () => "the relay to catch up");
        output.WriteLine($"Redis down for {outage.TotalSeconds:0.0} s from page {midway.Pages} to {during.Pages}/{WorkerFaultFixture.Pages}, {waiting} events waiting in the outbox; "
            + $"run {run.Status} after {run.Attempts} attempt(s); load average {WorkerTakeoverTests.LoadAverage()}");

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(during.Pages > midway.Pages && waiting > 0, $"the run went on without Redis (pages {midway.Pages} → {during.Pages}, {waiting} events waiting)");
        WorkerTakeoverTests.AssertCountsAddUp(run, await qbo.CountAsync(Customer));
        await RecordStoreAssertions.OneVersionAndOneEventPerRecordAsync(qbo, Customer, WorkerFaultFixture.Customers);

        // The relay may publish a batch twice (same event id) when Redis fails part-way; consumers dedupe by id.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var stream = (await redis.GetDatabase().StreamRangeAsync(EventStreams.ForTenant(qbo.TenantId)))
            .Select(e => (Id: (string)e[EventStreams.Fields.Id]!, Type: (string)e[EventStreams.Fields.Type]!, Payload: (string)e[EventStreams.Fields.Payload]!))
            .DistinctBy(e => e.Id).ToList();
        await using var db = qbo.Db();
        var outbox = await db.OutboxEvents.Where(e => e.TenantId == qbo.TenantId).Select(e => new { e.EventId, e.Type }).ToListAsync(Ct);
        Assert.Equal(outbox.Select(e => e.EventId.ToString("D")).Order(), stream.Select(e => e.Id).Order());
        Assert.Equal(2 * WorkerFaultFixture.Customers, stream.Count(e => e.Type == EventTypes.RecordCreated));
        Assert.Contains(stream, e => e.Type == EventTypes.SyncRunCompleted && e.Payload.Contains(runId.ToString("D"), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<int> UnpublishedAsync(Guid tenantId)
    {
        await using var db = fixture.Database.CreateContext(tenantId);
        return await db.OutboxEvents.CountAsync(e => e.TenantId == tenantId && e.PublishedAt == null, Ct);
    }
}
