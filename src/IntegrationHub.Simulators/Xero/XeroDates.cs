using System.Globalization;
using System.Text.RegularExpressions;

namespace IntegrationHub.Simulators.Xero;

/// <summary>
/// Xero's date formats: the Microsoft JSON form <c>/Date(1552524583429+0000)/</c> in bodies,
/// <c>…DateString</c> companions without offset, and ISO input. Pure, unit-tested.
/// </summary>
public static partial class XeroDates
{
    public static string ToJson(DateTimeOffset instant) =>
        $"/Date({instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}+0000)/";

    /// <summary>The DateString form of a calendar date: midnight, no offset.</summary>
    public static string DateString(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static string UtcString(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Accepts /Date(ms±hhmm)/, ISO dates and date-times (taken as UTC when they carry no offset).</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var match = MsDate().Match(text);
        if (match.Success)
        {
            value = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^/Date\((-?\d+)([+-]\d{4})?\)/$")]
    private static partial Regex MsDate();
}
