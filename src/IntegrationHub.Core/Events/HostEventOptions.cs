using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Core.Events;

/// <summary>Configuration section "Events:HostEvents".</summary>
public sealed class HostEventOptions
{
    public const string Section = "Events:HostEvents";

    [Required, StringLength(200, MinimumLength = 1)]
    public string Stream { get; set; } = EventStreams.HostEvents;

    [Required, StringLength(100, MinimumLength = 1)]
    public string Group { get; set; } = EventStreams.HostEventsGroup;

    /// <summary>This process's consumer name in the group; unique per process so a dead process's messages can be told apart.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string ConsumerName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>A message pending this long with another consumer is taken over with XAUTOCLAIM (its consumer is presumed dead).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClaimMinIdle { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Wait between reads when the stream had nothing new (StackExchange.Redis does not block on XREADGROUP).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
