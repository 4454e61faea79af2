using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Sync.Engine;

namespace IntegrationHub.Sync.Tests.Unit;

/// <summary>The page loop's read-ahead: order, one fetch in flight, errors at the page they belong to, nothing left running.</summary>
public sealed class PagePrefetchTests
{
    /// <summary>A feed of <paramref name="pages"/> pages whose tokens are "1", "2", …; page <paramref name="failAt"/> (1-based) throws.</summary>
    private sealed class Feed(int pages, int? failAt = null)
    {
        private int _inFlight;
        private readonly List<string?> _requested = [];
        public List<string?> Requested { get { lock (_requested) return [.. _requested]; } }
        public int MaxInFlight { get; private set; }

        public async Task<ChangePage> FetchAsync(string? token, CancellationToken ct)
        {
            var inFlight = Interlocked.Increment(ref _inFlight);
            MaxInFlight = Math.Max(MaxInFlight, inFlight);
            try
            {
                lock (_requested) _requested.Add(token);
                await Task.Delay(20, ct);
                var number = token is null ? 1 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) + 1;
                if (number == failAt) throw new ConnectorException(ErrorClass.Transient, $"page {number} failed");
                return new ChangePage([], number < pages ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, number < pages ? null : "cursor");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    [Fact]
    public async Task Pages_come_in_order_with_the_next_one_already_requested()
    {
        var feed = new Feed(4);
        await using var prefetch = new PagePrefetch(feed.FetchAsync, null, TestContext.Current.CancellationToken);
        var tokens = new List<string?>();
        while (await prefetch.NextAsync() is { } page)
        {
            tokens.Add(page.NextPageToken);
            // The next page's fetch starts when this page is handed out, while the caller still holds it.
            if (page.NextPageToken is { } next) await RequestedAsync(feed, next);
        }
        Assert.Equal(["1", "2", "3", null], tokens);
        Assert.Equal([null, "1", "2", "3"], feed.Requested);
        Assert.Equal(1, feed.MaxInFlight);
    }

    private static async Task RequestedAsync(Feed feed, string token)
    {
        for (var waited = 0; !feed.Requested.Contains(token); waited += 10)
        {
            Assert.True(waited < 10_000, $"page token {token} was not requested while the caller held the page before it");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task A_resumed_feed_starts_at_its_checkpoint_token()
    {
        var feed = new Feed(4);
        await using var prefetch = new PagePrefetch(feed.FetchAsync, "2", TestContext.Current.CancellationToken);
        Assert.Equal("3", (await prefetch.NextAsync())!.NextPageToken);
        Assert.Null((await prefetch.NextAsync())!.NextPageToken);
        Assert.Null(await prefetch.NextAsync());
        Assert.Equal(["2", "3"], feed.Requested);
    }

    [Fact]
    public async Task A_failed_fetch_surfaces_at_the_page_it_was_fetching()
    {
        var feed = new Feed(5, failAt: 3);
        await using var prefetch = new PagePrefetch(feed.FetchAsync, null, TestContext.Current.CancellationToken);
        Assert.Equal("1", (await prefetch.NextAsync())!.NextPageToken);
        // Page 3 is already being fetched (and failing) while the caller holds page 2: the error waits for its turn.
        Assert.Equal("2", (await prefetch.NextAsync())!.NextPageToken);
        var error = await Assert.ThrowsAsync<ConnectorException>(() => prefetch.NextAsync());
        Assert.Equal("page 3 failed", error.Message);
        Assert.Equal([null, "1", "2"], feed.Requested);
    }

    [Fact]
    public async Task Disposing_cancels_the_fetch_in_flight_and_waits_for_it()
    {
        var started = new TaskCompletionSource();
        var ended = false;
        async Task<ChangePage> Slow(string? token, CancellationToken ct)
        {
            if (token is null) return new ChangePage([], "next", null);
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
                return new ChangePage([], null, null);
            }
            finally
            {
                ended = true;
            }
        }

        var prefetch = new PagePrefetch(Slow, null, TestContext.Current.CancellationToken);
        Assert.Equal("next", (await prefetch.NextAsync())!.NextPageToken);
        await started.Task;
        Assert.False(ended);
        await prefetch.DisposeAsync();
        Assert.True(ended);
    }
}
