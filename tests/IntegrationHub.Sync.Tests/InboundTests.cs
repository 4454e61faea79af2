using System.Text.Json.Nodes;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>Pulls from the QBO simulator through the real engine: counts, hashes, checkpoints, resume, sweep, rate limits.</summary>
public sealed class InboundTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Fact]
    public async Task First_run_is_a_full_sync_whose_counts_match_the_simulator()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(25, Ct);
        var expected = await qbo.CountAsync("Customer");

        var (run, error) = await qbo.RunAsync(SyncRunKind.Incremental);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(expected, run.Counts[Customer].Created);
        Assert.Equal(expected, run.Counts[Customer].Processed);
        Assert.Equal(expected, run.Processed);
        Assert.Equal(3, run.Pages);
        await using var db = qbo.Db();
        Assert.Equal(expected, await db.Records.CountAsync(r => r.ConnectionId == qbo.Id && r.LastSeenRunId == run.Id, Ct));
        Assert.Equal(expected, await db.Records.CountAsync(r => r.ConnectionId == null && r.Entity == Customer, Ct));
        Assert.Equal(expected, await db.RecordLinks.CountAsync(l => l.ConnectionId == qbo.Id, Ct));
        var checkpoint = await db.SyncCheckpoints.SingleAsync(c => c.ConnectionId == qbo.Id, Ct);
        Assert.NotNull(checkpoint.Cursor);
        Assert.NotNull(checkpoint.HighWaterMark);
        Assert.Null(checkpoint.RunId);
        Assert.NotNull(checkpoint.LastFullSyncAt);
        var events = await db.OutboxEvents.Where(e => e.TenantId == qbo.TenantId).ToListAsync(Ct);
        Assert.Equal(2 * expected, events.Count(e => e.Type == EventTypes.RecordCreated));
        var completed = Assert.Single(events, e => e.Type == EventTypes.SyncRunCompleted);
        Assert.Equal(expected, completed.Payload.RootElement.GetProperty("counts").GetProperty(Customer).GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Progress_is_published_to_the_run_s_redis_channel_after_every_page()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(25, Ct);
        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        var messages = new System.Collections.Concurrent.ConcurrentQueue<System.Text.Json.JsonElement>();
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(fixture.Database.RedisConnectionString);
        await redis.GetSubscriber().SubscribeAsync(IntegrationHub.Core.Sync.Engine.RunProgress.Channel(runId),
            (_, message) => messages.Enqueue(System.Text.Json.JsonDocument.Parse(message.ToString()).RootElement.Clone()));

        await qbo.RunAsync(SyncRunKind.Full, runId: runId);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!messages.Any(m => m.GetProperty("status").GetString() == "Succeeded") && DateTime.UtcNow < deadline) await Task.Delay(50, Ct);
        var processed = messages.Select(m => m.GetProperty("processed").GetInt32()).ToList();
        Assert.Contains(10, processed);
        Assert.Contains(20, processed);
        Assert.Equal(processed.Order(), processed);
        Assert.Equal(25, messages.Last().GetProperty("processed").GetInt32());
        Assert.Equal("Succeeded", messages.Last().GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_unchanged_resync_writes_no_versions_and_no_record_events()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(12, Ct);
        await qbo.RunAsync(SyncRunKind.Full);
        await using var db = qbo.Db();
        var versions = await db.RecordVersions.CountAsync(Ct);
        var recordEvents = await db.OutboxEvents.CountAsync(e => e.TenantId == qbo.TenantId && e.Type.StartsWith("record."), Ct);

        var (incremental, _) = await qbo.RunAsync(SyncRunKind.Incremental);
        var (full, _) = await qbo.RunAsync(SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, incremental.Status);
        // The look-back window re-reads the recent records; their hashes are equal, so they are skipped.
        Assert.Equal(12, incremental.Counts[Customer].Skipped);
        Assert.Equal(12, full.Counts[Customer].Skipped);
        Assert.Equal(0, full.Counts[Customer].Created + full.Counts[Customer].Updated + full.Counts[Customer].Deleted);
        Assert.Equal(versions, await db.RecordVersions.CountAsync(Ct));
        Assert.Equal(recordEvents, await db.OutboxEvents.CountAsync(e => e.TenantId == qbo.TenantId && e.Type.StartsWith("record."), Ct));
    }

    [Fact]
    public async Task A_change_at_the_provider_makes_one_version_with_the_field_diff()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(5, Ct);
        await qbo.RunAsync(SyncRunKind.Full);
        var target = (await qbo.QueryAsync("SELECT * FROM Customer"))[0]!;
        var id = target["Id"]!.GetValue<string>();
        var oldCompany = target["CompanyName"]?.GetValue<string>();

        await qbo.PatchAsync("Customer", id, new JsonObject { ["CompanyName"] = "Renamed Holdings" });
        var (run, _) = await qbo.RunAsync(SyncRunKind.Incremental);

        Assert.Equal(1, run.Counts[Customer].Updated);
        await using var db = qbo.Db();
        var record = await db.Records.SingleAsync(r => r.ConnectionId == qbo.Id && r.ExternalId == id, Ct);
        Assert.Equal(2, record.Version);
        var version = await db.RecordVersions.SingleAsync(v => v.RecordId == record.Id && v.Version == 2, Ct);
        Assert.Equal(ChangeKind.Updated, version.Kind);
        Assert.Equal(run.Id, version.SyncRunId);
        var diff = Assert.Single(version.Diff.RootElement.EnumerateArray());
        Assert.Equal("companyName", diff.GetProperty("path").GetString());
        Assert.Equal(oldCompany, diff.GetProperty("old").GetString());
        Assert.Equal("Renamed Holdings", diff.GetProperty("new").GetString());
        var host = await qbo.HostAsync(Customer, (await qbo.LinkByRemoteAsync(Customer, id)).HostId);
        Assert.Equal("Renamed Holdings", TestConnection.Parse(host!.Data)["companyName"]!.GetValue<string>());
        Assert.Equal(2, host.Version);
    }

    [Fact]
    public async Task A_run_killed_mid_way_resumes_at_its_checkpoint_without_duplicates()
    {
        var connector = fixture.Connector;
        connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(35, Ct);
        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        connector.FailureClass = ErrorClass.Permanent;
        connector.FailAfterPages = connector.PagesServed + 2;

        var (failed, error) = await qbo.RunAsync(SyncRunKind.Full, runId: runId);
        Assert.IsType<ConnectorException>(error);
        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Contains("Injected failure", failed.Error);
        await using (var db = qbo.Db())
        {
            var checkpoint = await db.SyncCheckpoints.SingleAsync(c => c.ConnectionId == qbo.Id, Ct);
            Assert.Equal(runId, checkpoint.RunId);
            Assert.Equal(2, checkpoint.PagesDone);
            Assert.Equal("21|", checkpoint.PageToken);
            Assert.Equal(20, await db.Records.CountAsync(r => r.ConnectionId == qbo.Id, Ct));
            Assert.Equal(20, failed.Counts[Customer].Created);
        }

        connector.FailAfterPages = null;
        connector.PageTokensRequested.Clear();
        var (resumed, again) = await qbo.RunAsync(SyncRunKind.Full, runId: runId);

        Assert.Null(again);
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal("21|", connector.PageTokensRequested[0]);
        Assert.Equal(35, resumed.Counts[Customer].Created);
        Assert.Equal(35, resumed.Counts[Customer].Processed);
        Assert.Equal(4, resumed.Pages);
        await using var check = qbo.Db();
        Assert.Equal(35, await check.Records.CountAsync(r => r.ConnectionId == qbo.Id, Ct));
        Assert.Equal(70, await check.RecordVersions.CountAsync(Ct));
        Assert.Equal(0, await check.Records.CountAsync(r => r.ConnectionId == qbo.Id && r.Version != 1, Ct));
    }

    [Fact]
    public async Task An_unreadable_cursor_fails_the_run_with_a_clear_message()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(3, Ct);
        await qbo.RunAsync(SyncRunKind.Full);
        await using (var db = qbo.Db())
            await db.SyncCheckpoints.Where(c => c.ConnectionId == qbo.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Cursor, "not-a-time"), Ct);

        var (run, error) = await qbo.RunAsync(SyncRunKind.Incremental);

        Assert.IsType<InvalidCursorException>(error);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Contains("'not-a-time' cannot be parsed", run.Error);
        Assert.NotNull(run.FinishedAt);
        await using var check = qbo.Db();
        Assert.Equal("not-a-time", (await check.SyncCheckpoints.SingleAsync(c => c.ConnectionId == qbo.Id, Ct)).Cursor);
        Assert.True(await check.OutboxEvents.AnyAsync(e => e.TenantId == qbo.TenantId && e.Type == EventTypes.SyncRunFailed, Ct));
    }

    [Fact]
    public async Task A_connection_that_needs_reauthorisation_fails_the_run_as_an_auth_error()
    {
        var qbo = await fixture.ConnectAsync(2, Ct);
        await using (var db = qbo.Db())
            await db.Connections.Where(c => c.Id == qbo.Id).ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Status, IntegrationHub.Core.Connections.ConnectionStatus.NeedsReauth)
                .SetProperty(c => c.StatusReason, "The provider refused the refresh token"), Ct);

        var (run, error) = await qbo.RunAsync(SyncRunKind.Incremental);

        Assert.Equal(ErrorClass.Auth, Assert.IsType<ConnectorException>(error).Class);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Contains("NeedsReauth", run.Error);
        Assert.Contains("refused the refresh token", run.Error);
        await using var check = qbo.Db();
        Assert.False(await check.Records.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_full_sync_tombstones_a_record_removed_at_the_provider_and_keeps_its_history()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(20, Ct);
        await qbo.RunAsync(SyncRunKind.Full);
        var id = (await qbo.QueryAsync("SELECT * FROM Customer"))[3]!["Id"]!.GetValue<string>();

        await qbo.DeleteRemoteAsync("Customer", id);
        var (run, _) = await qbo.RunAsync(SyncRunKind.Full);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Counts[Customer].Deleted);
        await using var db = qbo.Db();
        var record = await db.Records.SingleAsync(r => r.ConnectionId == qbo.Id && r.ExternalId == id, Ct);
        Assert.NotNull(record.DeletedAt);
        var versions = await db.RecordVersions.Where(v => v.RecordId == record.Id).OrderBy(v => v.Version).ToListAsync(Ct);
        Assert.Equal([ChangeKind.Created, ChangeKind.Deleted], versions.Select(v => v.Kind));
        var host = await qbo.HostAsync(Customer, (await qbo.LinkByRemoteAsync(Customer, id)).HostId);
        Assert.NotNull(host!.DeletedAt);
        Assert.Equal(19, await db.Records.CountAsync(r => r.ConnectionId == qbo.Id && r.DeletedAt == null, Ct));
    }

    [Fact]
    public async Task A_sweep_above_the_threshold_is_quarantined_and_deletes_nothing()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(20, Ct);
        await qbo.RunAsync(SyncRunKind.Full);
        var rows = await qbo.QueryAsync("SELECT * FROM Customer");
        var removed = rows.Take(3).Select(r => r!["Id"]!.GetValue<string>()).ToList();
        foreach (var id in removed) await qbo.DeleteRemoteAsync("Customer", id);

        var (run, _) = await qbo.RunAsync(SyncRunKind.Full);

        Assert.Equal(0, run.Counts[Customer].Deleted);
        await using var db = qbo.Db();
        var quarantine = await db.DeleteQuarantines.SingleAsync(q => q.ConnectionId == qbo.Id, Ct);
        Assert.Equal(QuarantineStatus.Pending, quarantine.Status);
        Assert.Equal(20, quarantine.EntityTotal);
        Assert.Equal(run.Id, quarantine.SyncRunId);
        var ids = await db.Records.Where(r => quarantine.RecordIds.Contains(r.Id)).Select(r => r.ExternalId).ToListAsync(Ct);
        Assert.Equal(removed.Order(), ids.Order());
        Assert.Equal(0, await db.Records.CountAsync(r => r.DeletedAt != null, Ct));
    }

    [Fact]
    public async Task A_full_sync_that_lost_a_page_does_not_sweep()
    {
        var connector = fixture.Connector;
        connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(20, Ct);
        await qbo.RunAsync(SyncRunKind.Full);
        await qbo.DeleteRemoteAsync("Customer", (await qbo.QueryAsync("SELECT * FROM Customer"))[0]!["Id"]!.GetValue<string>());
        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        connector.FailureClass = ErrorClass.Transient;
        connector.FailAfterPages = connector.PagesServed + 1;

        var (failed, error) = await qbo.RunAsync(SyncRunKind.Full, runId: runId);
        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Equal(ErrorClass.Transient, Assert.IsType<ConnectorException>(error).Class);

        connector.FailAfterPages = null;
        var (resumed, _) = await qbo.RunAsync(SyncRunKind.Full, runId: runId);

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(0, resumed.Counts[Customer].Deleted);
        await using var db = qbo.Db();
        Assert.Equal(0, await db.Records.CountAsync(r => r.DeletedAt != null, Ct));
        Assert.False(await db.DeleteQuarantines.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_429_from_the_provider_waits_and_the_run_completes()
    {
        fixture.Connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(15, Ct);
        await qbo.FaultAsync("RateLimit", 2);

        var (run, error) = await qbo.RunAsync(SyncRunKind.Full);

        Assert.Null(error);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(15, run.Counts[Customer].Created);
        Assert.True(run.RateLimitWaitMs >= 300, $"RateLimitWaitMs was {run.RateLimitWaitMs}");
    }
}
