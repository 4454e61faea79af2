using System.Text.RegularExpressions;

namespace IntegrationHub.Simulators.Shared;

/// <summary>One received request as tests see it: secrets masked, body kept as text.</summary>
public sealed record LoggedRequest(long Sequence, DateTimeOffset At, string Method, string Path, string Query,
    IReadOnlyDictionary<string, string> Headers, string? Body, int Status, double DurationMs);

/// <summary>A bounded ring of received vendor requests, so tests can assert what a connector sent.</summary>
public sealed partial class RequestLog(int capacity)
{
    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
        { "Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization", "intuit-signature", "x-xero-signature" };

    private readonly LinkedList<LoggedRequest> _entries = new();
    private readonly Lock _gate = new();
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(LoggedRequest entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            while (_entries.Count > capacity) _entries.RemoveFirst();
        }
    }

    public IReadOnlyList<LoggedRequest> Query(string? method, string? pathContains, long? afterSequence, int limit)
    {
        lock (_gate)
        {
            return [.. _entries
                .Where(e => method is null || string.Equals(e.Method, method, StringComparison.OrdinalIgnoreCase))
                .Where(e => pathContains is null || e.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase))
                .Where(e => afterSequence is null || e.Sequence > afterSequence)
                .TakeLast(limit)];
        }
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }

    public static Dictionary<string, string> MaskHeaders(IHeaderDictionary headers) =>
        headers.ToDictionary(h => h.Key, h => SecretHeaders.Contains(h.Key) ? Mask(h.Value.ToString()) : h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Keeps the scheme word (Bearer/Basic) so tests can see which was used, never the secret itself.</summary>
    public static string Mask(string value)
    {
        var space = value.IndexOf(' ');
        return space > 0 ? value[..space] + " ***" : "***";
    }

    /// <summary>Masks secrets inside form and JSON bodies (client_secret, tokens, codes, verifiers).</summary>
    public static string MaskBody(string body) => SecretFields().Replace(body, m => m.Groups[1].Value + "***");

    public static string MaskQuery(string query) => SecretFields().Replace(query, m => m.Groups[1].Value + "***");

    [GeneratedRegex("((?:client_secret|refresh_token|access_token|code_verifier|code|token)\"?\\s*[=:]\\s*\"?)[^&\"\\s,}]+", RegexOptions.IgnoreCase)]
    private static partial Regex SecretFields();
}
