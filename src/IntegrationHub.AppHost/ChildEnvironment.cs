using System.Diagnostics;

namespace IntegrationHub.AppHost;

/// <summary>
/// The only configuration a service gets: Aspire's keys (connection strings, OTLP endpoint, services__*__http__0) and the
/// environment name. Swapping in a real Aspire AppHost therefore needs no change in any service.
/// </summary>
public static class ChildEnvironment
{
    public static ProcessStartInfo ForDll(string dll, string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add(dll);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        return psi;
    }

    public static Dictionary<string, string> Build(AppHostOptions options, Infrastructure infra, IReadOnlyDictionary<string, Uri> urls)
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__hubdb"] = infra.HubDb,
            ["ConnectionStrings__redis"] = infra.Redis,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Demo__Password"] = options.DemoPassword,
            // ASP.NET Core defaults to server GC, which keeps a heap per core: six such processes on a laptop is wasted memory.
            // Set either variable for the AppHost to override (bench/stack-footprint.sh compares them).
            ["DOTNET_gcServer"] = Inherited("DOTNET_gcServer", "0"),
            ["DOTNET_GCConserveMemory"] = Inherited("DOTNET_GCConserveMemory", "5"),
            ["DOTNET_NOLOGO"] = "1",
        };
        if (options.OtlpEndpoint is { } otlp) env["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        foreach (var (name, url) in urls) env[$"services__{name}__http__0"] = url.ToString().TrimEnd('/');
        return env;
    }

    private static string Inherited(string name, string fallback) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;
}
