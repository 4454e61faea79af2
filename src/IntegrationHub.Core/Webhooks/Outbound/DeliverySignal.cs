using System.Threading.Channels;

namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>
/// Wakes an idle delivery loop in this process as soon as there is work (fan-out just wrote messages, or a loop claimed
/// a full batch and there may be more), instead of letting it sleep out its poll interval. The poll stays as the
/// fallback for retries that fall due and for messages written by other processes.
/// </summary>
public sealed class DeliverySignal
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _pending.Writer.TryWrite(true);

    /// <summary>Returns when notified or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (_pending.Reader.TryRead(out _)) return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            await _pending.Reader.WaitToReadAsync(wait.Token);
            _pending.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}
