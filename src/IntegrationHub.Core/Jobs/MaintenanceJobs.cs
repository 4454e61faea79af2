using Hangfire;
using IntegrationHub.Core.Connections;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Hourly: renews idle refresh tokens before they lapse and records due client-secret rotations. The refresh lease
/// keeps renewals single-flight and a reminder is recorded once per credential version, so a retry is harmless.
/// </summary>
public sealed class TokenMaintenanceJob(IdleTokenRenewal renewal, ClientSecretRotationReminder reminder, ILogger<TokenMaintenanceJob> logger)
{
    public const string Id = "maintenance:tokens";
    public const string Cron = "17 * * * *";

    [JobDisplayName("Token maintenance")]
    public async Task RunAsync(CancellationToken ct)
    {
        var (renewed, failed) = await renewal.RenewDueAsync(ct);
        var reminded = await reminder.RemindAsync(ct);
        logger.LogInformation("Token maintenance: {Renewed} renewed, {Failed} failed, {Reminded} rotation reminder(s)", renewed, failed, reminded);
    }
}

/// <summary>Registers the maintenance schedules (idempotent: every worker does it at start, the ids stay the same).</summary>
public static class MaintenanceSchedules
{
    public static void Register(IRecurringJobManagerV2 recurring)
    {
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        recurring.AddOrUpdate<TokenMaintenanceJob>(TokenMaintenanceJob.Id, JobQueues.Maintenance, j => j.RunAsync(CancellationToken.None), TokenMaintenanceJob.Cron, utc);
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.Id, JobQueues.Maintenance, j => j.RunAsync(CancellationToken.None), RetentionJob.Cron, utc);
    }
}
