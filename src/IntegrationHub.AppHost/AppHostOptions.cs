using System.Globalization;

namespace IntegrationHub.AppHost;

/// <summary>
/// Settings from the command line, falling back to HUB_* environment variables (the e2e tests set those).
/// Connection strings given in the environment replace the private PostgreSQL and Redis.
/// </summary>
public sealed record AppHostOptions(
    RepoLayout Repo,
    string StateDirectory,
    int PortOffset,
    TimeSpan HealthTimeout,
    string? HubDbConnectionString,
    string? RedisConnectionString,
    string? OtlpEndpoint,
    string DemoPassword,
    bool Color)
{
    public const string Usage =
        "usage: IntegrationHub.AppHost [--port-offset N] [--state-dir DIR] [--health-timeout SECONDS]\n" +
        "environment: HUB_PORT_OFFSET, HUB_STATE_DIR, HUB_HEALTH_TIMEOUT, ConnectionStrings__hubdb, ConnectionStrings__redis,\n" +
        "             OTEL_EXPORTER_OTLP_ENDPOINT, Demo__Password, NO_COLOR";

    public const string DefaultDemoPassword = "demo-password-1";

    public int Port(int defaultPort) => defaultPort + PortOffset;

    public static bool TryParse(string[] args, out AppHostOptions options, out string error)
    {
        options = null!;
        var values = new Dictionary<string, string?>
        {
            ["port-offset"] = Env("HUB_PORT_OFFSET"),
            ["state-dir"] = Env("HUB_STATE_DIR"),
            ["health-timeout"] = Env("HUB_HEALTH_TIMEOUT"),
        };
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (key is null || !values.ContainsKey(key) || i + 1 >= args.Length)
            {
                error = $"unknown or incomplete argument '{args[i]}'";
                return false;
            }
            values[key] = args[++i];
        }
        if (!TryInt(values["port-offset"], 0, out var offset) || offset is < 0 or > 50000)
        {
            error = "--port-offset must be a whole number between 0 and 50000";
            return false;
        }
        if (!TryInt(values["health-timeout"], 180, out var timeout) || timeout <= 0)
        {
            error = "--health-timeout must be a positive number of seconds";
            return false;
        }
        var repo = RepoLayout.Discover();
        options = new AppHostOptions(
            repo,
            Path.GetFullPath(values["state-dir"] ?? Path.Combine(repo.Root, ".hub")),
            offset,
            TimeSpan.FromSeconds(timeout),
            Env("ConnectionStrings__hubdb"),
            Env("ConnectionStrings__redis"),
            Env("OTEL_EXPORTER_OTLP_ENDPOINT"),
            Env("Demo__Password") ?? DefaultDemoPassword,
            // Colour codes would garble logs captured by tests and CI.
            Env("NO_COLOR") is null && !Console.IsOutputRedirected);
        error = "";
        return true;
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static bool TryInt(string? text, int fallback, out int value)
    {
        value = fallback;
        return text is null || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
