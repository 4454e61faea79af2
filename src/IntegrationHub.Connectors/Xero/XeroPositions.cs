using System.Globalization;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Xero;

/// <summary>
/// The Xero connector's cursor and page tokens, versioned: cursor <c>xero1:{UTC instant}</c> (high-water mark of
/// UpdatedDateUTC); page token <c>xero1p:{page}:{sinceTicks or 0 for full}:{markTicks}</c>, where mark is the high-water
/// mark so far (incremental) or the provider's time at the first page (full). Anything else throws <see cref="InvalidCursorException"/>.
/// </summary>
public static class XeroPositions
{
    private const string CursorPrefix = "xero1:";
    private const string PagePrefix = "xero1p:";
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public sealed record PageToken(int Page, DateTimeOffset? Since, DateTimeOffset Mark);

    public static string Cursor(DateTimeOffset mark) => CursorPrefix + mark.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseCursor(string cursor)
    {
        if (!cursor.StartsWith(CursorPrefix, StringComparison.Ordinal)) throw new InvalidCursorException(cursor, "it is not a Xero cursor (xero1:…)");
        return DateTimeOffset.TryParseExact(cursor[CursorPrefix.Length..], Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new InvalidCursorException(cursor, "the time is not a UTC instant");
    }

    public static string Page(PageToken token) =>
        string.Create(CultureInfo.InvariantCulture, $"{PagePrefix}{token.Page}:{token.Since?.UtcTicks ?? 0}:{token.Mark.UtcTicks}");

    public static PageToken ParsePage(string token)
    {
        if (!token.StartsWith(PagePrefix, StringComparison.Ordinal)) throw new InvalidCursorException(token, "it is not a Xero page token (xero1p:…)");
        var parts = token[PagePrefix.Length..].Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var since) || since > DateTimeOffset.MaxValue.UtcTicks
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var mark) || mark > DateTimeOffset.MaxValue.UtcTicks)
            throw new InvalidCursorException(token, "the page token is malformed");
        return new PageToken(page, since == 0 ? null : new DateTimeOffset(since, TimeSpan.Zero), new DateTimeOffset(mark, TimeSpan.Zero));
    }
}
