using IntegrationHub.Web.Api;
using IntegrationHub.Web.Components.Shared;

namespace IntegrationHub.Web.Tests;

public sealed class RunViewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    internal static SyncRun Run(string status, DateTimeOffset queued, Dictionary<string, RunCounts>? counts = null, DateTimeOffset? started = null,
        DateTimeOffset? finished = null, long? durationMs = null, int processed = 0, int? expected = null, int? percent = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "manual", "full", ["Customer"], status, counts ?? [], 1, 0, processed, expected, percent, null, 1,
            queued, started, finished, durationMs);

    private static RunCounts Counts(int created = 0, int updated = 0, int deleted = 0, int skipped = 0, int failed = 0, int conflicts = 0) =>
        new(created + updated + deleted + skipped + failed, created, updated, deleted, skipped, failed, conflicts);

    [Fact]
    public void Per_day_totals_cover_every_day_and_count_runs_on_the_day_they_finished()
    {
        var runs = new[]
        {
            // Queued late on the 27th, finished after midnight: it belongs to the 28th.
            Run("succeeded", Now.AddDays(-2).AddHours(11.9), new() { ["Customer"] = Counts(created: 5, updated: 2, skipped: 9) }, finished: Now.AddDays(-1).AddHours(-11.9)),
            Run("completed_with_errors", Now.AddHours(-1), new() { ["Customer"] = Counts(updated: 1, failed: 2), ["Invoice"] = Counts(deleted: 1, failed: 1) }, finished: Now.AddMinutes(-50)),
            Run("running", Now.AddMinutes(-5), new() { ["Invoice"] = Counts(created: 4) }, started: Now.AddMinutes(-4)),
            Run("succeeded", Now.AddDays(-30), new() { ["Customer"] = Counts(created: 100) }, finished: Now.AddDays(-30)),
        };

        var days = RunView.PerDay(runs, Now, 3);

        Assert.Equal([new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 29)], days.Select(d => d.Day));
        Assert.Equal([(0, 0), (7, 0), (6, 3)], days.Select(d => (d.Synced, d.Failed)));
    }

    [Fact]
    public void Count_lines_list_active_entities_in_order_and_show_failures_and_conflicts_only_when_there_are_some()
    {
        var run = Run("succeeded", Now, new()
        {
            ["Invoice"] = Counts(created: 3, updated: 2, deleted: 1, failed: 1, conflicts: 2),
            ["Customer"] = Counts(created: 1, skipped: 4),
            ["Payment"] = Counts(),
        });
        Assert.Equal(["Customer +1 ~0 −0 =4", "Invoice +3 ~2 −1 ✗1 ⚠2"], RunView.CountLines(run));
        Assert.Equal(["—"], RunView.CountLines(Run("queued", Now)));
    }

    [Fact]
    public void Durations_use_the_recorded_value_once_finished_and_the_elapsed_time_while_running()
    {
        Assert.Equal("2 min 5 s", RunView.Duration(Run("succeeded", Now, durationMs: 125_000), Now));
        Assert.Equal("1.5 s", RunView.Duration(Run("failed", Now, durationMs: 1_500), Now));
        Assert.Equal("42 s", RunView.Duration(Run("running", Now, started: Now.AddSeconds(-42)), Now));
        Assert.Equal("—", RunView.Duration(Run("queued", Now), Now));
        Assert.Equal("1 h 1 min", RunView.Span(TimeSpan.FromMinutes(61)));
    }

    [Fact]
    public void Statuses_read_naturally_and_finished_ones_are_recognised()
    {
        Assert.Equal("Completed with errors", RunView.Status("completed_with_errors"));
        Assert.Equal("Succeeded", RunView.Status("succeeded"));
        Assert.Equal("Webhook fetch", RunView.Status("webhook_fetch"));
        Assert.True(Run("completed_with_errors", Now).IsFinished);
        Assert.False(Run("running", Now).IsFinished);
        Assert.Equal("40 / 120", RunView.Progress(Run("running", Now, processed: 40, expected: 120)));
        Assert.Equal("40", RunView.Progress(Run("running", Now, processed: 40)));
    }
}
