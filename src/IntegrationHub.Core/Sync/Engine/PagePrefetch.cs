namespace IntegrationHub.Core.Sync.Engine;

/// <summary>
/// Reads a feed's pages one ahead: as soon as a page is handed out, the fetch of the next one (its token is in the
/// page) starts in the background, so the provider call, its JSON and mapping overlap the caller's apply and commit of
/// the page it holds. Pages still come out strictly in order and at most one fetch is in flight. A failed fetch
/// surfaces from <see cref="NextAsync"/> for the page it was fetching, i.e. exactly where a serial loop would have
/// fetched it; disposing cancels a fetch still in flight and waits for it, so a stopped loop leaves no call behind.
/// </summary>
public sealed class PagePrefetch : IAsyncDisposable
{
    private readonly Func<string?, CancellationToken, Task<ChangePage>> _fetch;
    private readonly CancellationTokenSource _stop;
    private Task<ChangePage>? _pending;

    /// <param name="fetch">Fetches the page with the given token (null: the first page of a feed); gets a token that disposing cancels.</param>
    public PagePrefetch(Func<string?, CancellationToken, Task<ChangePage>> fetch, string? firstToken, CancellationToken ct)
    {
        _fetch = fetch;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _pending = Start(firstToken);
    }

    /// <summary>The next page (null after the last one); a failure of its fetch is thrown here.</summary>
    public async Task<ChangePage?> NextAsync()
    {
        if (_pending is not { } pending) return null;
        _pending = null;
        var page = await pending;
        if (page.NextPageToken is { } next) _pending = Start(next);
        return page;
    }

    private Task<ChangePage> Start(string? token)
    {
        var ct = _stop.Token;
        // Task.Run: even the connector's synchronous part (building the request) runs off the caller's thread.
        return Task.Run(() => _fetch(token, ct), ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pending is { } pending)
        {
            _pending = null;
            // The caller has stopped (finished, failed or cancelled): this fetch's result or error is no longer anyone's.
            try { await pending; }
            catch (Exception) { }
        }
        _stop.Dispose();
    }
}
