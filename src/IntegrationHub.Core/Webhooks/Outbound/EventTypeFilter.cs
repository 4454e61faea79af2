namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>Endpoint filters: "invoice.paid" matches exactly, "record.*" matches every type under "record.", "*" everything.</summary>
public static class EventTypeFilter
{
    public static bool Matches(IReadOnlyCollection<string> filters, string type) =>
        filters.Any(f => f == "*" || f == type || (f.EndsWith(".*", StringComparison.Ordinal) && type.StartsWith(f[..^1], StringComparison.Ordinal)));

    /// <summary>Why a filter is not acceptable, or null: lower-case dotted names, a wildcard only as the last segment.</summary>
    public static string? Validate(string filter)
    {
        if (filter == "*") return null;
        if (filter.Length is 0 or > 100) return "must be 1–100 characters";
        var segments = filter.Split('.');
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s == "*" && i == segments.Length - 1 && i > 0) continue;
            if (s.Length == 0 || !s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
                return "must be dot-separated lower-case names, with '*' only as the last segment (\"record.*\")";
        }
        return null;
    }
}
