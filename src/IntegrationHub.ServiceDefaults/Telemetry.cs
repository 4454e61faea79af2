using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class TelemetryExtensions
{
    /// <summary>Name of the ActivitySource and Meter every IntegrationHub component writes to.</summary>
    public const string HubSource = "IntegrationHub";
    /// <summary>Outbox lag and event throughput (IntegrationHub.Core.Events.EventMetrics).</summary>
    public const string EventsMeter = "IntegrationHub.Events";

    /// <summary>The shared provider rate budgets' meter (IntegrationHub.Core.RateLimits.RateLimitMetrics.MeterName).</summary>
    public const string RateLimitsMeter = "IntegrationHub.RateLimits";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(HubSource, RateLimitsMeter, EventsMeter, "Npgsql")
                .AddPrometheusExporter())
            .WithTracing(t => t
                .AddSource(builder.Environment.ApplicationName, HubSource)
                // Health probes and scrapes would drown real traffic in traces.
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructurePath(ctx.Request.Path))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }
        return builder;
    }

    private static bool IsInfrastructurePath(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics");
}
