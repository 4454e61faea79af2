using System.Globalization;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.QuickBooks;

/// <summary>
/// The QBO connector's cursor and page tokens, versioned so a later format can tell old ones apart:
/// cursor <c>qbo1:{UTC instant}</c> (high-water mark of MetaData.LastUpdatedTime);
/// full-sync token <c>qbo1f:{startPosition}:{serverTimeTicks}</c>;
/// query-fallback token <c>qbo1q:{sinceTicks}:{skip}</c> (keyset paging on LastUpdatedTime, skipping rows already
/// returned with exactly that time). Anything else throws <see cref="InvalidCursorException"/>.
/// </summary>
public static class QboPositions
{
    private const string CursorPrefix = "qbo1:";
    private const string FullPrefix = "qbo1f:";
    private const string QueryPrefix = "qbo1q:";
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public sealed record FullToken(int StartPosition, DateTimeOffset ServerTime);

    public sealed record QueryToken(DateTimeOffset Since, int Skip);

    public static string Cursor(DateTimeOffset highWaterMark) => CursorPrefix + highWaterMark.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseCursor(string cursor)
    {
        if (!cursor.StartsWith(CursorPrefix, StringComparison.Ordinal)) throw new InvalidCursorException(cursor, "it is not a QuickBooks cursor (qbo1:…)");
        return DateTimeOffset.TryParseExact(cursor[CursorPrefix.Length..], Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new InvalidCursorException(cursor, "the time is not a UTC instant");
    }

    public static string Full(FullToken token) => $"{FullPrefix}{token.StartPosition.ToString(CultureInfo.InvariantCulture)}:{token.ServerTime.UtcTicks.ToString(CultureInfo.InvariantCulture)}";

    public static string Query(QueryToken token) => $"{QueryPrefix}{token.Since.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{token.Skip.ToString(CultureInfo.InvariantCulture)}";

    public static bool IsFull(string token) => token.StartsWith(FullPrefix, StringComparison.Ordinal);

    public static FullToken ParseFull(string token)
    {
        var parts = Parts(token, FullPrefix);
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start >= 1 && Ticks(parts[1]) is { } time
            ? new FullToken(start, time)
            : throw new InvalidCursorException(token, "the full-sync page token is malformed");
    }

    public static QueryToken ParseQuery(string token)
    {
        var parts = Parts(token, QueryPrefix);
        return Ticks(parts[0]) is { } since && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            ? new QueryToken(since, skip)
            : throw new InvalidCursorException(token, "the query page token is malformed");
    }

    private static string[] Parts(string token, string prefix)
    {
        if (!token.StartsWith(prefix, StringComparison.Ordinal)) throw new InvalidCursorException(token, $"it is not a QuickBooks page token ({prefix}…)");
        var parts = token[prefix.Length..].Split(':');
        return parts.Length == 2 ? parts : throw new InvalidCursorException(token, "the page token has the wrong number of parts");
    }

    private static DateTimeOffset? Ticks(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
}
