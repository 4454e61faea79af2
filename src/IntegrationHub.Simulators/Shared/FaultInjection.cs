using System.Text.Json.Serialization;

namespace IntegrationHub.Simulators.Shared;

[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind { Latency, Error, Timeout, Malformed, RateLimit }

/// <summary>
/// One injected fault. Applies to requests whose path starts with /{Vendor} (qbo, xero or any) and
/// contains <see cref="PathContains"/>; <see cref="Count"/> limits it to the next N matching requests.
/// </summary>
public sealed class FaultRule
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N")[..8];
    public string Vendor { get; set; } = "any";
    public string? PathContains { get; set; }
    public FaultKind Kind { get; set; }
    public int? Count { get; set; }
    public int DelayMs { get; set; }
    public int StatusCode { get; set; } = 503;
    /// <summary>RateLimit faults: the <c>Retry-After</c> the 429 carries, at least 1 s (QBO's and Xero's throttles say 60 s).</summary>
    public int RetryAfterSeconds { get; set; } = 60;
}

/// <summary>The active fault rules; consumed by <see cref="FaultInjectionMiddleware"/>.</summary>
public sealed class FaultInjection
{
    private readonly List<FaultRule> _rules = [];
    private readonly Lock _gate = new();

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    public IReadOnlyList<FaultRule> Rules
    {
        get { lock (_gate) return [.. _rules]; }
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    /// <summary>The first rule matching this request, counting it down and removing it when spent.</summary>
    public FaultRule? Take(string vendor, string path)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => (r.Vendor is "any" or "*" || string.Equals(r.Vendor, vendor, StringComparison.OrdinalIgnoreCase))
                && (r.PathContains is null || path.Contains(r.PathContains, StringComparison.OrdinalIgnoreCase)));
            if (rule?.Count is { } count)
            {
                rule.Count = count - 1;
                if (rule.Count <= 0) _rules.Remove(rule);
            }
            return rule;
        }
    }
}
