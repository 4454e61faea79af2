using IntegrationHub.Core.Jobs;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>The daily retention job: old finished runs with their failures, and old tombstones, go; everything else stays.</summary>
public class RetentionTests(JobsApiFactory factory) : IClassFixture<JobsApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Old_runs_and_old_tombstones_are_purged_in_batches()
    {
        var tenant = await factory.CreateTenantAsync();
        var connection = await factory.ConnectionAsync(tenant.Id, Core.Connections.ConnectionStatus.Active);
        var old = DateTimeOffset.UtcNow.AddYears(-4);
        await using (var db = factory.Database.CreateContext(tenant.Id))
        {
            for (var i = 0; i < 7; i++)
            {
                var run = new SyncRun { ConnectionId = connection, Status = SyncRunStatus.Succeeded, QueuedAt = old.AddMinutes(i) };
                db.SyncRuns.Add(run);
                db.RecordFailures.Add(new RecordFailure { SyncRunId = run.Id, Entity = "Customer", RecordKey = "c" + i, Message = "bad" });
            }
            db.SyncRuns.Add(new SyncRun { ConnectionId = connection, Status = SyncRunStatus.Queued, QueuedAt = old });
            db.SyncRuns.Add(new SyncRun { ConnectionId = connection, Status = SyncRunStatus.Failed, QueuedAt = DateTimeOffset.UtcNow.AddDays(-1) });
            foreach (var (key, deletedAt) in new[] { ("gone", (DateTimeOffset?)old), ("recent", DateTimeOffset.UtcNow.AddDays(-3)), ("live", null) })
            {
                db.Records.Add(new SyncRecord
                {
                    Side = RecordSide.External, ConnectionId = connection, Entity = "Customer", ExternalId = key, Data = System.Text.Json.JsonDocument.Parse("{}"),
                    Hash = new string('0', 64), DeletedAt = deletedAt,
                });
            }
            await db.SaveChangesAsync(Ct);
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetentionOptions>>();
            options.Value.BatchSize = 3;
            var (runs, tombstones) = await scope.ServiceProvider.GetRequiredService<RetentionJob>().PurgeAsync(Ct);
            Assert.Equal(7, runs);
            Assert.Equal(1, tombstones);
        }

        await using var check = factory.Database.CreateContext(tenant.Id);
        Assert.Equal([SyncRunStatus.Queued, SyncRunStatus.Failed], await check.SyncRuns.OrderBy(r => r.QueuedAt).Select(r => r.Status).ToListAsync(Ct));
        Assert.Equal(0, await check.RecordFailures.CountAsync(Ct));
        Assert.Equal(["live", "recent"], await check.Records.OrderBy(r => r.ExternalId).Select(r => r.ExternalId).ToListAsync(Ct));
    }
}
