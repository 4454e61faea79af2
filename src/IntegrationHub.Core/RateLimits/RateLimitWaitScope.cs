namespace IntegrationHub.Core.RateLimits;

/// <summary>
/// Measures how long the calls made inside it waited for rate-limit budget. The engine opens one around a sync run
/// and stores <see cref="Waited"/> in SyncRun.RateLimitWaitMs:
/// <code>
/// using var waits = RateLimitWaitScope.Begin();
/// await RunPagesAsync(…);                       // every ConnectionHttp call in here, in any task it starts, counts
/// run.RateLimitWaitMs = (long)waits.Waited.TotalMilliseconds;
/// </code>
/// It flows with the ExecutionContext (AsyncLocal), so parallel tasks started inside the scope add to it; scopes
/// nest, and a wait counts in every open scope. Disposing restores the enclosing scope.
/// </summary>
public sealed class RateLimitWaitScope : IDisposable
{
    private static readonly AsyncLocal<RateLimitWaitScope?> Current = new();
    private readonly RateLimitWaitScope? _parent;
    private long _ticks;
    private long _waits;

    private RateLimitWaitScope(RateLimitWaitScope? parent) => _parent = parent;

    public static RateLimitWaitScope Begin()
    {
        var scope = new RateLimitWaitScope(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Total time calls inside the scope spent waiting for budget (parallel waits add up).</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>How many calls had to wait at all.</summary>
    public long Waits => Interlocked.Read(ref _waits);

    /// <summary>Records a wait in every open scope; the budget calls it, and so may the engine for its own Retry-After sleeps.</summary>
    public static void Add(TimeSpan waited)
    {
        if (waited <= TimeSpan.Zero) return;
        for (var scope = Current.Value; scope is not null; scope = scope._parent)
        {
            Interlocked.Add(ref scope._ticks, waited.Ticks);
            Interlocked.Increment(ref scope._waits);
        }
    }

    public void Dispose()
    {
        if (ReferenceEquals(Current.Value, this)) Current.Value = _parent;
    }
}
