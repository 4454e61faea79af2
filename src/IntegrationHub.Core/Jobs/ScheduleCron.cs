using Cronos;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Pure: the cron expression of a sync schedule. An interval becomes cron only when cron can fire at exactly that
/// interval all day long — minutes dividing 60, hours dividing 24, or daily — other intervals are rejected with the
/// accepted values, rather than silently drifting (*/7 fires at :56 and again at :00). Each connection gets its own
/// offset inside the interval so a thousand hourly schedules do not all fire at :00.
/// </summary>
public static class ScheduleCron
{
    public const int MinInterval = 1;
    public const int MaxInterval = 1440;

    public static readonly IReadOnlyList<int> EvenMinuteIntervals = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
    public static readonly IReadOnlyList<int> EvenHourIntervals = [1, 2, 3, 4, 6, 8, 12, 24];

    public static (string? Cron, string? Error) FromInterval(int minutes, Guid spreadKey)
    {
        if (minutes is < MinInterval or > MaxInterval) return (null, $"The interval must be between {MinInterval} and {MaxInterval} minutes.");
        var spread = (int)(BitConverter.ToUInt32(spreadKey.ToByteArray(), 0) % 1440);
        if (minutes < 60 && 60 % minutes == 0)
        {
            var offset = spread % minutes;
            return (minutes == 1 ? "* * * * *" : $"{offset}-59/{minutes} * * * *", null);
        }
        if (minutes % 60 == 0 && 24 % (minutes / 60) == 0)
        {
            var hours = minutes / 60;
            var minute = spread % 60;
            var hour = spread / 60 % hours;
            return (hours switch
            {
                1 => $"{minute} * * * *",
                24 => $"{minute} {spread / 60 % 24} * * *",
                _ => $"{minute} {hour}-23/{hours} * * *",
            }, null);
        }
        return (null, $"An interval of {minutes} minutes cannot be scheduled evenly. Use one of {string.Join(", ", EvenMinuteIntervals)} minutes, "
            + $"{string.Join(", ", EvenHourIntervals.Select(h => h * 60))} minutes, or a cron expression.");
    }

    /// <summary>Standard five-field cron (minute hour day month weekday), checked with Cronos as Hangfire will parse it.</summary>
    public static string? ValidateCron(string cron)
    {
        if (cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
            return "The cron expression must have five fields: minute hour day-of-month month day-of-week.";
        try
        {
            var expression = CronExpression.Parse(cron.Trim(), CronFormat.Standard);
            return expression.GetNextOccurrence(DateTime.UtcNow) is null ? "The cron expression never fires." : null;
        }
        catch (CronFormatException ex)
        {
            return $"The cron expression is not valid: {ex.Message}";
        }
    }

    /// <summary>The cron a config runs on: its own cron when set, otherwise its interval's.</summary>
    public static (string? Cron, string? Error) For(Sync.SyncConfig config) =>
        config.Cron is { Length: > 0 } cron
            ? ValidateCron(cron) is { } error ? (null, error) : (cron.Trim(), null)
            : FromInterval(config.IntervalMinutes, config.ConnectionId);
}
