using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Core.RateLimits;

public static class RateLimitRegistration
{
    /// <summary>Shared provider budgets (section <c>RateLimits</c>); needs Redis (IConnectionMultiplexer) and a TimeProvider. Called by AddHubConnections.</summary>
    public static IServiceCollection AddHubRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<RateBudget>();
        services.AddSingleton<ConnectionRateLimiter>();
        return services;
    }
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        if (options.SafetyFactor is <= 0 or > 1) errors.Add($"RateLimits:SafetyFactor must be in (0, 1]; got {options.SafetyFactor}.");
        if (options.WindowPadding < TimeSpan.Zero) errors.Add("RateLimits:WindowPadding must not be negative.");
        if (options.LeaseTtl <= TimeSpan.Zero) errors.Add("RateLimits:LeaseTtl must be positive.");
        if (options.ConcurrencyPoll <= TimeSpan.Zero) errors.Add("RateLimits:ConcurrencyPoll must be positive.");
        if (options.DefaultRetryAfter <= TimeSpan.Zero) errors.Add("RateLimits:DefaultRetryAfter must be positive.");
        foreach (var (provider, p) in options.Providers)
        {
            if (p.SafetyFactor is <= 0 or > 1) errors.Add($"RateLimits:Providers:{provider}:SafetyFactor must be in (0, 1]; got {p.SafetyFactor}.");
            if (p.DefaultRetryAfter <= TimeSpan.Zero) errors.Add($"RateLimits:Providers:{provider}:DefaultRetryAfter must be positive.");
            foreach (var d in p.Dimensions ?? [])
            {
                if (d.Scope is not ("tenant" or "connection" or "app")) errors.Add($"RateLimits:Providers:{provider}: scope '{d.Scope}' is not tenant, connection or app.");
                if ((d.Count is null) != (d.Window is null)) errors.Add($"RateLimits:Providers:{provider}: a count needs a window and a window a count.");
                if (d.Count <= 0 || d.Window <= TimeSpan.Zero || d.Concurrent <= 0) errors.Add($"RateLimits:Providers:{provider}: counts, windows and concurrency must be positive.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
