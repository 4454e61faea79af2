using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Core.Events;

/// <summary>Configuration section "Events:Outbox".</summary>
public sealed class OutboxRelayOptions
{
    public const string Section = "Events:Outbox";

    /// <summary>Approximate cap of each stream (XADD MAXLEN ~); consumers that fall further behind read from the API instead.</summary>
    [Range(100, 100_000_000)]
    public int StreamMaxLength { get; set; } = 100_000;

    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>Wait between polls when the outbox is empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First wait after a failure (Redis or the database away); doubles per failure up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
