using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// How a pull's pages reach the record store at volume: pages committing behind the next page's apply (ordering, the
/// wait for a page that reads what is still being written, a failed background commit) and the planner statistics a
/// large first sync refreshes.
/// </summary>
public sealed class PageCommitTests(SyncFixture fixture) : IClassFixture<SyncFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Customer = CanonicalEntities.Customer;

    [Fact]
    public async Task A_record_repeated_on_the_next_page_is_applied_after_the_page_committing_behind()
    {
        // Page 1 (customers 1–10) is all new rows, so it commits behind while page 2 (10–19) is fetched and applied;
        // page 2 repeats customer 10 and must see it stored, or it would insert it a second time.
        var connector = fixture.Connector;
        connector.PageSize = 10;
        connector.Overlap = 1;
        try
        {
            var qbo = await fixture.ConnectAsync(25, Ct);
            var (run, error) = await qbo.RunAsync(SyncRunKind.Full);

            Assert.Null(error);
            Assert.Equal(SyncRunStatus.Succeeded, run.Status);
            Assert.Equal(3, run.Pages);
            Assert.Equal(27, run.Counts[Customer].Processed);
            Assert.Equal(25, run.Counts[Customer].Created);
            Assert.Equal(2, run.Counts[Customer].Skipped);
            await using var db = qbo.Db();
            Assert.Equal(25, await db.Records.CountAsync(r => r.ConnectionId == qbo.Id, Ct));
            Assert.Equal(50, await db.RecordVersions.CountAsync(Ct));
            Assert.Equal(25, await db.RecordLinks.CountAsync(l => l.ConnectionId == qbo.Id, Ct));
        }
        finally
        {
            connector.Overlap = 0;
        }
    }

    [Fact]
    public async Task A_page_whose_commit_behind_fails_fails_the_run_and_nothing_after_it_commits()
    {
        var connector = fixture.Connector;
        connector.PageSize = 10;
        var qbo = await fixture.ConnectAsync(35, Ct);
        var runId = await qbo.QueueAsync(SyncRunKind.Full, Customer);
        // The second page's commit (in the background while page 3 is applied) fails in the database.
        const string poison = """
            CREATE FUNCTION b1_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.pages_done = 2 THEN RAISE EXCEPTION 'poisoned checkpoint'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER b1_poison BEFORE UPDATE ON sync_checkpoints FOR EACH ROW EXECUTE FUNCTION b1_poison();
            """;
        await using (var db = qbo.Db()) await db.Database.ExecuteSqlRawAsync(poison, Ct);
        (SyncRun Run, Exception? Error) failed;
        try
        {
            failed = await qbo.RunAsync(SyncRunKind.Full, runId: runId);
        }
        finally
        {
            await using var db = qbo.Db();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER b1_poison ON sync_checkpoints; DROP FUNCTION b1_poison();", Ct);
        }

        Assert.NotNull(failed.Error);
        Assert.Equal(SyncRunStatus.Failed, failed.Run.Status);
        Assert.Contains("poisoned checkpoint", failed.Run.Error);
        await using (var db = qbo.Db())
        {
            var checkpoint = await db.SyncCheckpoints.SingleAsync(c => c.ConnectionId == qbo.Id, Ct);
            Assert.Equal(1, checkpoint.PagesDone);
            Assert.Equal("11|", checkpoint.PageToken);
            Assert.Equal(10, await db.Records.CountAsync(r => r.ConnectionId == qbo.Id, Ct));
            Assert.Equal(1, failed.Run.Pages);
            Assert.Equal(10, failed.Run.Counts[Customer].Created);
        }

        var (resumed, again) = await qbo.RunAsync(SyncRunKind.Full, runId: runId);
        Assert.Null(again);
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(35, resumed.Counts[Customer].Created);
        await using var check = qbo.Db();
        Assert.Equal(35, await check.Records.CountAsync(r => r.ConnectionId == qbo.Id, Ct));
        Assert.Equal(70, await check.RecordVersions.CountAsync(Ct));
    }

    [Fact]
    public async Task A_pull_that_creates_5000_records_refreshes_the_planner_statistics_of_the_store()
    {
        fixture.Connector.PageSize = 1000;
        var qbo = await fixture.ConnectAsync(5000, Ct);
        await using var db = qbo.Db();
        var before = await LastAnalyzeAsync(db);

        var (run, error) = await qbo.RunAsync(SyncRunKind.Full);

        Assert.Null(error);
        Assert.Equal(5000, run.Counts[Customer].Created);
        var after = await LastAnalyzeAsync(db);
        Assert.NotNull(after);
        Assert.True(before is null || after > before, $"last ANALYZE of records {before} → {after}");
    }

    private static Task<DateTime?> LastAnalyzeAsync(HubDbContext db) =>
        db.Database.SqlQueryRaw<DateTime?>("SELECT last_analyze AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'records'").SingleAsync(Ct);
}
