using System.ComponentModel.DataAnnotations;

namespace IntegrationHub.Simulators.Shared;

/// <summary>Everything under the <c>Simulators</c> configuration section.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Simulators";

    /// <summary>Base URL used in authorize redirects and webhook resource URLs; defaults to the first bound address.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>State file: loaded at start when present, written on shutdown and by <c>POST /control/snapshot</c>.</summary>
    public string? SnapshotPath { get; set; }

    public bool SeedDemo { get; set; } = true;
    public int DemoSeed { get; set; } = 20240601;

    [Required] public VendorOptions Qbo { get; set; } = new();
    [Required] public VendorOptions Xero { get; set; } = new();
    [Required] public RateLimitOptions RateLimits { get; set; } = new();
    [Required] public WebhookOptions Webhooks { get; set; } = new();
    public int RequestLogCapacity { get; set; } = 10_000;
}

/// <summary>Token lifetimes and registered apps of one vendor. Defaults are the vendor's published numbers (set in <see cref="SimulatorOptionsSetup"/>).</summary>
public sealed class VendorOptions
{
    public TimeSpan? AccessTokenLifetime { get; set; }
    public TimeSpan? RefreshTokenLifetime { get; set; }
    /// <summary>Xero only: how long a rotated-out refresh token is still accepted.</summary>
    public TimeSpan? RefreshTokenGrace { get; set; }
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);
    public List<AppRegistration> Apps { get; set; } = [];
}

public sealed class AppRegistration
{
    [Required] public string ClientId { get; set; } = "";
    /// <summary>Empty for a public (PKCE-only) client.</summary>
    public string ClientSecret { get; set; } = "";
    public List<string> RedirectUris { get; set; } = [];
    /// <summary>Receiver for this app's webhooks; none configured means no deliveries.</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>QBO verifier token or Xero webhook signing key: the HMAC key for signatures.</summary>
    public string WebhookKey { get; set; } = "";
    /// <summary>QBO only: <c>legacy</c> (eventNotifications) or <c>cloudevents</c>.</summary>
    public string WebhookFormat { get; set; } = "legacy";
}

public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Multiplies every limit: benchmarks scale up, tests scale down.</summary>
    [Range(0.0001, 1_000_000)] public double Scale { get; set; } = 1;
    public int QboPerMinute { get; set; } = 500;
    public int QboConcurrent { get; set; } = 10;
    public int XeroPerMinute { get; set; } = 60;
    public int XeroPerDay { get; set; } = 5_000;
    public int XeroConcurrent { get; set; } = 5;
    public int XeroAppPerMinute { get; set; } = 10_000;
}

public sealed class WebhookOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>Delays between attempts, growing so retries come with decreasing frequency; the last one repeats.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];
    /// <summary>Xero disables a subscription whose deliveries keep failing this long.</summary>
    public TimeSpan XeroDisableAfter { get; set; } = TimeSpan.FromHours(24);
    /// <summary>QBO gives up on one notification after this long.</summary>
    public TimeSpan QboGiveUpAfter { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan ReceiverTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
