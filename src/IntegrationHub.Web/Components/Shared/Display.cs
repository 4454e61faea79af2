using System.Globalization;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>How the portal writes times, roles and audit actions. Times are UTC: tenants and operators span time zones.</summary>
public static class Display
{
    public static string When(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string Ago(DateTimeOffset value, DateTimeOffset now)
    {
        var span = now - value;
        return span.TotalSeconds switch
        {
            < 60 => "just now",
            < 3600 => $"{(int)span.TotalMinutes} min ago",
            < 86400 => $"{(int)span.TotalHours} h ago",
            < 86400 * 14 => $"{(int)span.TotalDays} d ago",
            _ => Date(value),
        };
    }

    public static string Role(string? role) => role is { Length: > 0 } r ? char.ToUpperInvariant(r[0]) + r[1..] : "No role";

    /// <summary>"api_key.created" → "API key created"; unknown actions still read naturally.</summary>
    public static string Action(string action)
    {
        var text = action.Replace("auth.", "", StringComparison.Ordinal).Replace('.', ' ').Replace('_', ' ');
        text = text.Replace("api key", "API key", StringComparison.Ordinal);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    public static string Initials(string? name, string email)
    {
        var source = string.IsNullOrWhiteSpace(name) ? email : name;
        var words = source.Split([' ', '.', '@'], StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Take(2).Select(w => char.ToUpperInvariant(w[0])));
    }
}
