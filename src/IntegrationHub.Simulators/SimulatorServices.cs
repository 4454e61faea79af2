using IntegrationHub.Simulators.Control;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.RateLimiting;
using IntegrationHub.Simulators.Seeding;
using IntegrationHub.Simulators.Shared;
using IntegrationHub.Simulators.Webhooks;
using IntegrationHub.Simulators.Xero;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators;

/// <summary>Wiring for both vendor simulators, the control API and the background services.</summary>
public static class SimulatorServices
{
    public static WebApplicationBuilder AddSimulators(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<SimulatorOptions>, SimulatorOptionsSetup>();
        services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicUrl>();
        services.AddSingleton<AppRegistry>();
        services.AddKeyedSingleton(Vendor.Qbo, (sp, _) => NewTokens(sp, o => o.Qbo, rotate: false));
        services.AddKeyedSingleton(Vendor.Xero, (sp, _) => NewTokens(sp, o => o.Xero, rotate: true));
        services.AddSingleton(sp => new RequestLog(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.RequestLogCapacity));
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<RateLimitSettings>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<QboStore>();
        services.AddSingleton<QboEngine>();
        services.AddSingleton<XeroStore>();
        services.AddSingleton<XeroEngine>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<XeroSubscriptions>();
        services.AddSingleton<WebhookDeliveries>();
        services.AddHostedService<StartupState>();
        services.AddHostedService<WebhookDispatcher>();
        // The simulator must see the receiver's raw answers (a 401 in the handshake is the point), so no retry handler;
        // the API is marked experimental but is the supported way to undo ConfigureHttpClientDefaults.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    public static WebApplication UseSimulators(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        // Faults run inside the gates so injected latency holds a concurrency slot, as a slow vendor would.
        app.UseMiddleware<QboGateMiddleware>();
        app.UseMiddleware<XeroGateMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.MapQboOAuth();
        app.MapQboApi();
        app.MapXeroOAuth();
        app.MapXeroApi();
        app.MapControlApi();
        return app;
    }

    private static TokenService NewTokens(IServiceProvider sp, Func<SimulatorOptions, VendorOptions> select, bool rotate)
    {
        var options = sp.GetRequiredService<IOptionsMonitor<SimulatorOptions>>();
        return new TokenService(() => select(options.CurrentValue), sp.GetRequiredService<TimeProvider>(), rotate);
    }
}
