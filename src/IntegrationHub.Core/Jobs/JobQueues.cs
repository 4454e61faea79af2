namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Separate queues so a backlog of one kind cannot delay another: scheduled and manual syncs, outbound pushes, and
/// maintenance (token renewal, retention) that must run on time.
/// </summary>
public static class JobQueues
{
    public const string Sync = "sync";
    public const string Push = "push";
    public const string Maintenance = "maintenance";

    /// <summary>In priority order: Hangfire workers take from the first non-empty queue.</summary>
    public static readonly string[] All = [Maintenance, Push, Sync];
}
