using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Core.Webhooks.Inbound;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>Stored provider webhooks become one incremental, webhook-triggered run per connection; failures retry on a backoff.</summary>
public sealed class InboxProcessorTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _database = new();
    private Harness _harness = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _harness = new Harness(_database);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<(Guid Tenant, Guid Connection)> SeedAsync(params (string Key, string? Entity)[] events)
    {
        await using var db = _harness.Db();
        var tenant = new Tenant { Name = "Inbox", Slug = "inbox-" + Guid.NewGuid().ToString("N")[..8] };
        var connection = new Connection { TenantId = tenant.Id, Provider = "quickbooks", Environment = "simulator", DisplayName = "QBO", Status = ConnectionStatus.Active };
        db.AddRange(tenant, connection);
        foreach (var (key, entity) in events)
            db.InboxEvents.Add(new InboxEvent
            {
                Source = "quickbooks", DedupeKey = key, TenantId = tenant.Id, ConnectionId = connection.Id, Type = "qbo.x.update",
                Payload = JsonSerializer.SerializeToDocument(new { entity, remoteId = "1", operation = "Update" }),
            });
        await db.SaveChangesAsync();
        return (tenant.Id, connection.Id);
    }

    [Fact]
    public async Task Requests_one_incremental_webhook_run_with_the_changed_entities_and_ignores_what_is_not_synced()
    {
        var (_, connection) = await SeedAsync(("a", "Invoice"), ("b", "Customer"), ("c", "Invoice"), ("d", null));
        Assert.Equal(4, await _harness.Get<InboxProcessor>().ProcessBatchAsync(Ct));
        Assert.Equal(0, await _harness.Get<InboxProcessor>().ProcessBatchAsync(Ct));

        await using var db = _harness.Db();
        var run = Assert.Single(await db.SyncRuns.IgnoreQueryFilters().Where(r => r.ConnectionId == connection).ToListAsync(Ct));
        Assert.Equal((SyncRunKind.Incremental, SyncTrigger.Webhook, SyncRunStatus.Queued), (run.Kind, run.Trigger, run.Status));
        Assert.Equal(["Customer", "Invoice"], run.Entities.Order().ToArray());
        var events = await db.InboxEvents.IgnoreQueryFilters().Where(e => e.ConnectionId == connection).ToListAsync(Ct);
        Assert.Equal(3, events.Count(e => e.Status == InboxStatus.Processed));
        Assert.Equal(InboxStatus.Ignored, events.Single(e => e.DedupeKey == "d").Status);
    }

    [Fact]
    public async Task A_refused_request_marks_the_events_failed_with_the_reason_and_retries_after_the_backoff()
    {
        var (_, connection) = await SeedAsync(("x", "Payment"));
        var scheduler = _harness.Get<RecordingScheduler>();
        scheduler.RefuseWith = "queue unavailable";
        Assert.Equal(1, await _harness.Get<InboxProcessor>().ProcessBatchAsync(Ct));
        await using (var db = _harness.Db())
        {
            var failed = await db.InboxEvents.IgnoreQueryFilters().SingleAsync(e => e.ConnectionId == connection, Ct);
            Assert.Equal(InboxStatus.Failed, failed.Status);
            Assert.Equal("queue unavailable", failed.Error);
            Assert.Equal(_harness.Clock.GetUtcNow() + InboxProcessor.Backoff[0], failed.NextAttemptAt!.Value, TimeSpan.FromMilliseconds(1));
        }
        scheduler.RefuseWith = null;
        Assert.Equal(0, await _harness.Get<InboxProcessor>().ProcessBatchAsync(Ct));
        _harness.Clock.Advance(InboxProcessor.Backoff[0]);
        Assert.Equal(1, await _harness.Get<InboxProcessor>().ProcessBatchAsync(Ct));
        await using (var db = _harness.Db())
        {
            var processed = await db.InboxEvents.IgnoreQueryFilters().SingleAsync(e => e.ConnectionId == connection, Ct);
            Assert.Equal((InboxStatus.Processed, 2, null), (processed.Status, processed.Attempts, processed.Error));
            Assert.Single(await db.SyncRuns.IgnoreQueryFilters().Where(r => r.ConnectionId == connection).ToListAsync(Ct));
        }
    }
}
