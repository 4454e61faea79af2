using IntegrationHub.Core.Events;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace IntegrationHub.Core.Tests.Events;

public class OutboxRelayTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid[]> EmitAsync(Guid tenantId, int count, string prefix)
    {
        await using var db = database.CreateContext();
        var events = Enumerable.Range(0, count).Select(i => new OutboxEvent
        {
            TenantId = tenantId, Type = "test.event", Payload = System.Text.Json.JsonSerializer.SerializeToDocument(new { seq = $"{prefix}{i}" }),
        }).ToList();
        db.OutboxEvents.AddRange(events);
        await db.SaveChangesAsync(Ct);
        return events.Select(e => e.EventId).ToArray();
    }

    private static async Task<List<(string Id, string Type, string Payload)>> ReadStreamAsync(IConnectionMultiplexer redis, string stream) =>
        [.. (await redis.GetDatabase().StreamRangeAsync(stream)).Select(e => ((string)e[EventStreams.Fields.Id]!, (string)e[EventStreams.Fields.Type]!, (string)e[EventStreams.Fields.Payload]!))];

    [Fact]
    public async Task Publishes_each_tenants_events_to_its_stream_in_order_and_marks_them_published()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(database.RedisConnectionString);
        await using var provider = EventsHost.Build(database, redis, o => o.BatchSize = 7);
        var tenant = Guid.NewGuid();
        var ids = await EmitAsync(tenant, 25, "a");
        var platform = await EmitAsync(EventTypesPlatform, 1, "p");

        await using (var scope = provider.CreateAsyncScope())
        {
            var relay = scope.ServiceProvider.GetRequiredService<OutboxRelay>();
            var batches = 0;
            while (await relay.PublishBatchAsync(Ct) > 0) batches++;
            Assert.True(batches >= 4, $"25+ events in batches of 7 took {batches} batches");
            Assert.Null(await relay.MeasureLagAsync(Ct));
        }

        var stream = await ReadStreamAsync(redis, $"hub:events:{tenant}");
        Assert.Equal(ids.Select(i => i.ToString()), stream.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"a{i}"), stream.Select(e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("seq").GetString()));
        Assert.All(stream, e => Assert.Equal("test.event", e.Type));
        Assert.Contains(platform[0].ToString(), (await ReadStreamAsync(redis, EventStreams.Platform)).Select(e => e.Id));
        await using var db = database.CreateContext();
        Assert.False(await db.OutboxEvents.AnyAsync(e => e.PublishedAt == null && (e.TenantId == tenant || e.TenantId == EventTypesPlatform), Ct));
        Assert.Equal(0, provider.GetRequiredService<EventMetrics>().LagSeconds);
    }

    [Fact]
    public async Task Concurrent_relays_publish_every_event_exactly_once()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(database.RedisConnectionString);
        await using var provider = EventsHost.Build(database, redis, o => o.BatchSize = 5);
        var tenant = Guid.NewGuid();
        var ids = await EmitAsync(tenant, 60, "c");

        async Task RelayUntilEmptyAsync()
        {
            await using var scope = provider.CreateAsyncScope();
            var relay = scope.ServiceProvider.GetRequiredService<OutboxRelay>();
            while (await relay.PublishBatchAsync(Ct) > 0) { }
        }
        await Task.WhenAll(RelayUntilEmptyAsync(), RelayUntilEmptyAsync(), RelayUntilEmptyAsync());

        var stream = await ReadStreamAsync(redis, $"hub:events:{tenant}");
        Assert.Equal(ids.Length, stream.Count);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), stream.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task A_redis_outage_delays_events_and_loses_none()
    {
        await using var privateRedis = new PrivateRedis();
        await privateRedis.StartAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(privateRedis.ConnectionString);
        await using var provider = EventsHost.Build(database, redis, o =>
        {
            o.PollInterval = TimeSpan.FromMilliseconds(20);
            o.InitialBackoff = TimeSpan.FromMilliseconds(50);
            o.MaxBackoff = TimeSpan.FromMilliseconds(400);
        });
        var relayService = provider.GetServices<IHostedService>().OfType<OutboxRelayService>().Single();
        await relayService.StartAsync(Ct);
        try
        {
            var tenant = Guid.NewGuid();
            var before = await EmitAsync(tenant, 10, "before");
            await WaitUntilAsync(async () => await UnpublishedAsync(tenant) == 0, "the first events to be published");

            await privateRedis.StopAsync();
            var during = await EmitAsync(tenant, 30, "during");
            await Task.Delay(2500, Ct);
            Assert.Equal(30, await UnpublishedAsync(tenant));
            Assert.True(provider.GetRequiredService<EventMetrics>().LagSeconds > 0.5, "lag grows while Redis is away");

            await privateRedis.StartAsync();
            await WaitUntilAsync(async () => await UnpublishedAsync(tenant) == 0, "the relay to catch up after Redis returned");

            // The restarted Redis kept no data (no persistence): everything emitted during the outage is there, in order.
            var stream = await ReadStreamAsync(redis, $"hub:events:{tenant}");
            var distinct = stream.Select(e => e.Id).Distinct().ToList();
            Assert.Equal(during.Select(i => i.ToString()), distinct.Where(id => during.Contains(Guid.Parse(id))));
            Assert.DoesNotContain(before[0].ToString(), distinct);
        }
        finally
        {
            await relayService.StopAsync(CancellationToken.None);
        }
    }

    private async Task<int> UnpublishedAsync(Guid tenant)
    {
        await using var db = database.CreateContext();
        return await db.OutboxEvents.CountAsync(e => e.TenantId == tenant && e.PublishedAt == null, Ct);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(50, Ct);
        }
    }

    private static readonly Guid EventTypesPlatform = EventTypes.PlatformTenant;
}
