using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>
/// A page that re-reads running sync runs once a second while the circuit is open, so progress moves without a reload.
/// Polling the run detail (rather than holding an SSE stream per run) keeps one cheap request per running run and survives
/// Api restarts; the loop stops with the circuit.
/// </summary>
public abstract class LiveComponentBase : ApiComponentBase, IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Refreshes whatever is live; returns whether anything changed (then the page re-renders).</summary>
    protected abstract Task<bool> TickAsync(CancellationToken ct);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _loop = LoopAsync();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    if (await TickAsync(_stop.Token)) await InvokeAsync(StateHasChanged);
                }
                catch (HubApiException ex) when (!ex.IsUnauthorized)
                {
                    // A missed tick is retried on the next one; the page keeps showing the last known state.
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null) await _loop;
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
