using IntegrationHub.Simulators.RateLimiting;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Control;

public sealed record RateLimitUpdate(bool? Enabled, double? Scale);

/// <summary>Fault injection, rate-limit switches and the request log.</summary>
public static class ControlFaultEndpoints
{
    public static void MapControlFaults(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/control");
        control.MapGet("/faults", (FaultInjection faults) => TypedResults.Ok(faults.Rules));
        control.MapPost("/faults", (FaultRule rule, FaultInjection faults) => TypedResults.Ok(faults.Add(rule)));
        control.MapDelete("/faults", (FaultInjection faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });

        control.MapGet("/ratelimits", (RateLimitSettings settings) => TypedResults.Ok(new { settings.Enabled, settings.Scale, settings.Numbers }));
        control.MapPut("/ratelimits", (RateLimitUpdate update, RateLimitSettings settings, RateLimiter limiter) =>
        {
            if (update.Enabled is { } enabled) settings.Enabled = enabled;
            if (update.Scale is > 0 and var scale) settings.Scale = scale;
            limiter.Reset();
            return TypedResults.Ok(new { settings.Enabled, settings.Scale });
        });

        control.MapGet("/requests", (string? method, string? path, long? after, int? limit, RequestLog log) =>
            TypedResults.Ok(log.Query(method, path, after, Math.Clamp(limit ?? 200, 1, 10_000))));
        control.MapDelete("/requests", (RequestLog log) =>
        {
            log.Clear();
            return TypedResults.NoContent();
        });
    }
}
