namespace IntegrationHub.Core.Webhooks.Outbound;

/// <summary>Webhooks:Delivery:* — the retry schedule, timeout, SSRF allow-list and the HTTPS rule.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Delay before each attempt after the first (the first is immediate): Svix's schedule by default.</summary>
    public TimeSpan[] RetrySchedule { get; set; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Each retry delay is spread by ± this fraction, so endpoints recovering together are not hit in lockstep.</summary>
    public double Jitter { get; set; } = 0.1;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);
    /// <summary>How long the previous secret keeps signing after a rotation.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);
    /// <summary>CIDR ranges that are delivered to even though they are loopback/private (local development, tests).</summary>
    public string[] AllowedNetworks { get; set; } = [];
    /// <summary>Refuse http:// endpoints (production).</summary>
    public bool RequireHttps { get; set; } = true;
    /// <summary>Messages claimed per batch; a batch's outcomes are written together when its last send returns.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Sends in flight at once in this process, across all delivery loops (the HTTP pool's bound).</summary>
    public int Concurrency { get; set; } = 64;
    /// <summary>Delivery loops per process: while one waits for its batch's slowest send, the others claim and send.</summary>
    public int Loops { get; set; } = 4;
    /// <summary>How often an idle delivery loop looks for retries that fell due (fan-out in this process wakes it at once).</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(200);
}
