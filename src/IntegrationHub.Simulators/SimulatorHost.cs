namespace IntegrationHub.Simulators;

/// <summary>Builds the simulator host; shared by Program and by anything that hosts it in-process on real Kestrel (benchmarks).</summary>
public static class SimulatorHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults();
        builder.AddSimulators();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseSimulators();
        return app;
    }
}
