using System.Text.Json.Nodes;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Sync.Engine;

namespace IntegrationHub.Sync.Tests.Unit;

/// <summary>When a page must wait for the page committing behind it: it reads a row that commit writes.</summary>
public sealed class PendingCommitTests
{
    private static readonly PendingCommit Pending = new(Task.CompletedTask, ["1", "2", "3"], ["c0ffee:3", "host-7"]);

    private static RemoteRecord Remote(string id, string? reference = null) =>
        new(id, new JsonObject(), new JsonObject(), DateTimeOffset.UnixEpoch) { Reference = reference };

    [Fact]
    public void A_page_of_other_records_does_not_wait() =>
        Assert.False(Pending.Touches([Remote("4"), Remote("5", "ih:host-8"), Remote("6", "not-ours:host-7")]));

    [Fact]
    public void A_record_the_pending_page_writes_waits() =>
        Assert.True(Pending.Touches([Remote("4"), Remote("2")]));

    [Fact]
    public void A_reference_to_a_host_record_the_pending_page_creates_waits() =>
        Assert.True(Pending.Touches([Remote("9", "ih:host-7")]));

    [Fact]
    public void Remote_ids_compare_exactly() =>
        Assert.False(Pending.Touches([Remote("01"), Remote("1 "), Remote("host-7")]));

    [Fact]
    public void A_record_the_page_before_writes_waits_while_that_page_is_still_committing()
    {
        var stillWriting = new TaskCompletionSource();
        var latest = new PendingCommit(Task.CompletedTask, ["7"], []) { Previous = new PendingCommit(stillWriting.Task, ["2"], ["host-2"]) };
        Assert.True(latest.Touches([Remote("2")]));
        Assert.True(latest.Touches([Remote("8", "ih:host-2")]));
        Assert.False(latest.Touches([Remote("9")]));
        stillWriting.SetResult();
        Assert.False(latest.Touches([Remote("2")]));
    }
}
