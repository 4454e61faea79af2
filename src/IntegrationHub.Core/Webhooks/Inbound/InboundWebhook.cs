namespace IntegrationHub.Core.Webhooks.Inbound;

/// <summary>One inbound request as received: method, full URL, headers (case-insensitive) and the raw body bytes.</summary>
public sealed class InboundWebhook(string method, Uri url, IReadOnlyDictionary<string, string> headers, byte[] body)
{
    // The receiver already hands over a case-insensitive dictionary; copying it again per request would be waste.
    private readonly IReadOnlyDictionary<string, string> _headers =
        headers is Dictionary<string, string> d && d.Comparer == StringComparer.OrdinalIgnoreCase ? d : new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);

    public string Method { get; } = method;
    public Uri Url { get; } = url;
    public byte[] Body { get; } = body;

    public string? Header(string name) => _headers.TryGetValue(name, out var value) ? value : null;

    public string? Query(string name)
    {
        foreach (var part in Url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            if (key == name) return eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
        }
        return null;
    }
}
