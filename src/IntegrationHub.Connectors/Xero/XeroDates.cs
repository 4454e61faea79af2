using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Connectors.Xero;

/// <summary>Xero's dates: the Microsoft JSON form <c>/Date(1552524583429+0000)/</c> in responses, ISO strings elsewhere.</summary>
public static partial class XeroDates
{
    /// <summary>Parses /Date(ms[±hhmm])/ (the milliseconds are UTC; the offset is informational) and ISO forms (UTC when no offset).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var match = MsDate().Match(text);
        if (match.Success)
            return long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                   && ms >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value) ? value : null;
    }

    /// <summary>A Xero date field (midnight UTC) as a canonical "yyyy-MM-dd".</summary>
    public static string? CanonicalDate(string? text) => Parse(text)?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$")]
    private static partial Regex MsDate();
}
