using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IntegrationHub.Core.Tests.Events;

public class HostEventConsumerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(ServiceProvider Provider, IConnectionMultiplexer Redis, string Stream, Guid TenantId, Guid Outbound, Guid InboundOnly, Guid Inactive) : IAsyncDisposable
    {
        public HostEventReader Reader => Provider.GetRequiredService<HostEventReader>();
        public IDatabase Streams => Redis.GetDatabase();
        public async ValueTask DisposeAsync()
        {
            await Streams.KeyDeleteAsync(Stream);
            await Provider.DisposeAsync();
            await Redis.DisposeAsync();
        }
    }

    private async Task<Setup> SetupAsync(TimeSpan? claimMinIdle = null)
    {
        var tenant = await SyncTestData.TenantAsync(database);
        var outbound = await SyncTestData.ConnectionAsync(database, tenant, ConnectionStatus.Active, SyncDirection.Both, CanonicalEntities.Invoice, CanonicalEntities.Customer);
        var inboundOnly = await SyncTestData.ConnectionAsync(database, tenant, ConnectionStatus.Active, SyncDirection.Inbound, CanonicalEntities.Invoice);
        var inactive = await SyncTestData.ConnectionAsync(database, tenant, ConnectionStatus.NeedsReauth, SyncDirection.Outbound, CanonicalEntities.Invoice);
        var stream = "hub:host-events:test:" + Guid.NewGuid().ToString("N");
        var redis = await ConnectionMultiplexer.ConnectAsync(database.RedisConnectionString);
        var provider = EventsHost.Build(database, redis, hostEvents: o =>
        {
            o.Stream = stream;
            o.ConsumerName = "live";
            o.ClaimMinIdle = claimMinIdle ?? TimeSpan.FromMinutes(1);
            o.ClaimInterval = TimeSpan.FromMilliseconds(10);
        });
        return new Setup(provider, redis, stream, tenant, outbound, inboundOnly, inactive);
    }

    private static Task<RedisValue> AddAsync(Setup s, string? id, string? tenant, string type, string? data)
    {
        var fields = new List<NameValueEntry> { new("type", type) };
        if (id is not null) fields.Add(new("id", id));
        if (tenant is not null) fields.Add(new("tenant", tenant));
        if (data is not null) fields.Add(new("data", data));
        return s.Streams.StreamAddAsync(s.Stream, [.. fields]);
    }

    private static string Invoice(string id, decimal total) => JsonSerializer.Serialize(new { id, number = "INV-" + id, customerId = "c1", currency = "EUR", total, status = "draft" });

    [Fact]
    public async Task An_event_writes_the_host_record_and_requests_a_push_per_outbound_connection_once_even_when_delivered_twice()
    {
        await using var s = await SetupAsync();
        var eventId = "evt-" + Guid.NewGuid();
        await AddAsync(s, eventId, s.TenantId.ToString(), "invoice.created", Invoice("inv-1", 100m));
        await AddAsync(s, eventId, s.TenantId.ToString(), "invoice.created", Invoice("inv-1", 999m));

        Assert.Equal(2, await s.Reader.ConsumeOnceAsync(Ct));

        await using var db = database.CreateContext(s.TenantId);
        var record = await db.Records.SingleAsync(r => r.Entity == CanonicalEntities.Invoice && r.ExternalId == "inv-1", Ct);
        Assert.Equal(RecordSide.Host, record.Side);
        Assert.Equal(1, record.Version);
        Assert.Equal(100m, record.Data.RootElement.GetProperty("total").GetDecimal());
        Assert.False(record.Data.RootElement.TryGetProperty("id", out _));
        var version = await db.RecordVersions.SingleAsync(v => v.RecordId == record.Id, Ct);
        Assert.Equal(ChangeOrigin.HostEvent, version.Origin);
        var inbox = await db.InboxEvents.SingleAsync(e => e.Source == "host" && e.DedupeKey == eventId, Ct);
        Assert.Equal(InboxStatus.Processed, inbox.Status);
        var run = await db.SyncRuns.SingleAsync(Ct);
        Assert.Equal((s.Outbound, SyncRunKind.Push, SyncTrigger.HostEvent), (run.ConnectionId, run.Kind, run.Trigger));
        Assert.Equal([CanonicalEntities.Invoice], run.Entities);
        Assert.Equal(0, (await s.Streams.StreamPendingAsync(s.Stream, EventStreams.HostEventsGroup)).PendingMessageCount);
        Assert.True(await db.OutboxEvents.AnyAsync(e => e.TenantId == s.TenantId && e.Type == EventTypes.RecordCreated, Ct));
    }

    [Fact]
    public async Task An_update_event_versions_the_record_with_a_diff_and_an_unchanged_one_requests_no_push()
    {
        await using var s = await SetupAsync();
        await AddAsync(s, "e1-" + Guid.NewGuid(), s.TenantId.ToString(), "customer.created", """{"id":"c-9","name":"Acme","email":"a@acme.test"}""");
        await AddAsync(s, "e2-" + Guid.NewGuid(), s.TenantId.ToString(), "customer.updated", """{"id":"c-9","name":"Acme Ltd","email":"a@acme.test"}""");
        await AddAsync(s, "e3-" + Guid.NewGuid(), s.TenantId.ToString(), "customer.updated", """{"email":"a@acme.test","name":"Acme Ltd","id":"c-9"}""");
        Assert.Equal(3, await s.Reader.ConsumeOnceAsync(Ct));

        await using var db = database.CreateContext(s.TenantId);
        var record = await db.Records.SingleAsync(r => r.ExternalId == "c-9", Ct);
        Assert.Equal(2, record.Version);
        var latest = await db.RecordVersions.Where(v => v.RecordId == record.Id).OrderByDescending(v => v.Version).FirstAsync(Ct);
        var diff = latest.Diff.RootElement.EnumerateArray().Single();
        Assert.Equal(("name", "Acme", "Acme Ltd"), (diff.GetProperty("path").GetString(), diff.GetProperty("old").GetString(), diff.GetProperty("new").GetString()));
        Assert.Equal(2, await db.SyncRuns.CountAsync(Ct));
        Assert.Equal(3, await db.InboxEvents.CountAsync(e => e.Status == InboxStatus.Processed, Ct));
    }

    [Fact]
    public async Task A_message_abandoned_by_a_dead_consumer_is_reclaimed_and_processed()
    {
        await using var s = await SetupAsync(claimMinIdle: TimeSpan.FromSeconds(3));
        await s.Streams.StreamCreateConsumerGroupAsync(s.Stream, EventStreams.HostEventsGroup, "0-0", createStream: true);
        await AddAsync(s, "evt-" + Guid.NewGuid(), s.TenantId.ToString(), "project.completed", """{"id":"p-1","name":"Fit-out","customerId":"c-1","status":"completed"}""");
        // A consumer reads the message and dies before acknowledging it.
        var taken = await s.Streams.StreamReadGroupAsync(s.Stream, EventStreams.HostEventsGroup, "dead", StreamPosition.NewMessages, 10);
        Assert.Single(taken);

        Assert.Equal(0, await s.Reader.ConsumeOnceAsync(Ct));
        await Task.Delay(3200, Ct);
        Assert.Equal(1, await s.Reader.ConsumeOnceAsync(Ct));

        await using var db = database.CreateContext(s.TenantId);
        Assert.True(await db.Records.AnyAsync(r => r.Entity == CanonicalEntities.Project && r.ExternalId == "p-1", Ct));
        Assert.Equal(0, await db.SyncRuns.CountAsync(Ct));
        Assert.Equal(0, (await s.Streams.StreamPendingAsync(s.Stream, EventStreams.HostEventsGroup)).PendingMessageCount);
    }

    [Theory]
    [InlineData("bad-json", "invoice.created", "{not json", "not valid JSON")]
    [InlineData("no-id", "invoice.created", """{"number":"1"}""", "'id' is required")]
    [InlineData("array", "invoice.created", """[1,2]""", "JSON object")]
    [InlineData("unknown-type", "invoice.exploded", """{"id":"1"}""", "Unknown event type")]
    [InlineData("unknown-tenant", "invoice.created", """{"id":"1"}""", "Unknown tenant")]
    [InlineData("bad-tenant", "invoice.created", """{"id":"1"}""", "not a tenant id")]
    public async Task A_malformed_event_becomes_a_failed_inbox_row_and_is_acknowledged(string kind, string type, string data, string reason)
    {
        await using var s = await SetupAsync();
        var tenant = kind switch { "unknown-tenant" => Guid.NewGuid().ToString(), "bad-tenant" => "acme", _ => s.TenantId.ToString() };
        var eventId = kind + "-" + Guid.NewGuid();
        await AddAsync(s, eventId, tenant, type, data);
        Assert.Equal(1, await s.Reader.ConsumeOnceAsync(Ct));

        await using var db = database.CreateContext();
        var inbox = await db.InboxEvents.IgnoreQueryFilters().SingleAsync(e => e.DedupeKey == eventId, Ct);
        Assert.Equal(InboxStatus.Failed, inbox.Status);
        Assert.Contains(reason, inbox.Error);
        Assert.Equal(kind is "unknown-tenant" or "bad-tenant" ? Guid.Empty : s.TenantId, inbox.TenantId);
        Assert.False(await db.Records.IgnoreQueryFilters().AnyAsync(r => r.TenantId == s.TenantId, Ct));
        Assert.Equal(0, (await s.Streams.StreamPendingAsync(s.Stream, EventStreams.HostEventsGroup)).PendingMessageCount);
    }

    [Fact]
    public async Task An_event_without_an_id_is_recorded_once_under_its_stream_id()
    {
        await using var s = await SetupAsync();
        var streamId = await AddAsync(s, null, s.TenantId.ToString(), "invoice.created", Invoice("x", 1m));
        Assert.Equal(1, await s.Reader.ConsumeOnceAsync(Ct));
        await using var db = database.CreateContext(s.TenantId);
        var inbox = await db.InboxEvents.SingleAsync(e => e.DedupeKey == "stream:" + streamId, Ct);
        Assert.Equal((InboxStatus.Failed, "The event has no 'id' field."), (inbox.Status, inbox.Error));
    }
}
