using System.Globalization;
using IntegrationHub.Web.Api;
using MudBlazor;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>Records synced and failed on one UTC day, for the dashboard chart.</summary>
public sealed record DailyTotals(DateOnly Day, int Synced, int Failed);

/// <summary>How the sync dashboard words and colours runs; pure so it is tested without a browser.</summary>
public static class RunView
{
    /// <summary>Records a run wrote (created, updated or deleted) across its entities; skipped (unchanged) records are not "synced".</summary>
    public static int Synced(SyncRun run) => run.Counts.Values.Sum(c => c.Created + c.Updated + c.Deleted);

    public static int Failed(SyncRun run) => run.Counts.Values.Sum(c => c.Failed);

    /// <summary>"Customer +3 ~2 −1 ✗1" per entity; entities with nothing to report are left out, and "—" when no entity did anything.</summary>
    public static IReadOnlyList<string> CountLines(SyncRun run) =>
        run.Counts.OrderBy(e => e.Key, StringComparer.Ordinal)
            .Where(e => e.Value.Processed + e.Value.Created + e.Value.Updated + e.Value.Deleted + e.Value.Failed + e.Value.Conflicts > 0)
            .Select(e => CountLine(e.Key, e.Value)).DefaultIfEmpty("—").ToList();

    public static string CountLine(string entity, RunCounts c)
    {
        var parts = new List<string> { entity, $"+{c.Created}", $"~{c.Updated}", $"−{c.Deleted}" };
        if (c.Skipped > 0) parts.Add($"={c.Skipped}");
        if (c.Failed > 0) parts.Add($"✗{c.Failed}");
        if (c.Conflicts > 0) parts.Add($"⚠{c.Conflicts}");
        return string.Join(' ', parts);
    }

    /// <summary>Finished runs by their recorded duration; a running one by the time since it started.</summary>
    public static string Duration(SyncRun run, DateTimeOffset now) =>
        run.DurationMs is { } ms ? Span(TimeSpan.FromMilliseconds(ms))
        : run.StartedAt is { } s && !run.IsFinished ? Span(now - s)
        : "—";

    public static string Span(TimeSpan span) => span.TotalSeconds switch
    {
        < 0 => "0 s",
        < 10 => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
        < 60 => $"{(int)span.TotalSeconds} s",
        < 3600 => $"{(int)span.TotalMinutes} min {span.Seconds} s",
        _ => $"{(int)span.TotalHours} h {span.Minutes} min",
    };

    public static string Status(string status) => status switch
    {
        "completed_with_errors" => "Completed with errors",
        _ => status.Length == 0 ? "Unknown" : char.ToUpperInvariant(status[0]) + status[1..].Replace('_', ' '),
    };

    public static Color StatusColor(string status) => status switch
    {
        "succeeded" => Color.Success,
        "completed_with_errors" => Color.Warning,
        "failed" or "cancelled" => Color.Error,
        "running" => Color.Info,
        _ => Color.Default,
    };

    /// <summary>"42 / 120" with the total when the provider announced one, else just the count.</summary>
    public static string Progress(SyncRun run) => run.ExpectedTotal is { } total ? $"{run.Processed} / {total}" : run.Processed.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// One entry per UTC day for the last <paramref name="days"/> days ending today (days without runs are zero, so the
    /// chart's axis is continuous). A run counts on the day it finished, or started if it is still running.
    /// </summary>
    public static IReadOnlyList<DailyTotals> PerDay(IEnumerable<SyncRun> runs, DateTimeOffset now, int days)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - days);
        var byDay = runs.GroupBy(r => DateOnly.FromDateTime((r.FinishedAt ?? r.StartedAt ?? r.QueuedAt).UtcDateTime))
            .ToDictionary(g => g.Key, g => (Synced: g.Sum(Synced), Failed: g.Sum(Failed)));
        return Enumerable.Range(0, days).Select(i => first.AddDays(i))
            .Select(d => byDay.TryGetValue(d, out var t) ? new DailyTotals(d, t.Synced, t.Failed) : new DailyTotals(d, 0, 0)).ToList();
    }
}
