using IntegrationHub.Simulators.Shared;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.RateLimiting;

/// <summary>Current rate-limit switches: configuration at start, changeable through the control API for benchmarks.</summary>
public sealed class RateLimitSettings(IOptions<SimulatorOptions> options)
{
    public bool Enabled { get; set; } = options.Value.RateLimits.Enabled;
    public double Scale { get; set; } = options.Value.RateLimits.Scale;
    public RateLimitOptions Numbers { get; } = options.Value.RateLimits;

    public RateLimits Qbo => Enabled ? new(S(Numbers.QboPerMinute), 0, S(Numbers.QboConcurrent), 0) : new(0, 0, 0, 0);

    public RateLimits Xero => Enabled
        ? new(S(Numbers.XeroPerMinute), S(Numbers.XeroPerDay), S(Numbers.XeroConcurrent), S(Numbers.XeroAppPerMinute))
        : new(0, 0, 0, 0);

    private int S(int limit) => Math.Max(1, (int)Math.Round(limit * Scale));
}
