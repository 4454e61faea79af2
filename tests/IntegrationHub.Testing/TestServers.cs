using IntegrationHub.LocalInfra;

namespace IntegrationHub.Testing;

/// <summary>
/// One PostgreSQL and one Redis for the whole test run, shared by every test project (each runs as its own process).
/// Started on first use if not already running; ./hub test stops them at the end.
/// </summary>
public static class TestServers
{
    // Overridable so two worktrees on one machine can each run their own test servers without clashing.
    public static int PostgresPort { get; } = PortFromEnvironment("HUB_TEST_PG_PORT", 56432);
    public static int RedisPort { get; } = PortFromEnvironment("HUB_TEST_REDIS_PORT", 56379);
    public static string Directory => Path.Combine(RepoPaths.Root, ".hub", "test");
    public static LocalPostgres Postgres { get; } = new(Path.Combine(Directory, "postgres"), PostgresPort);
    public static LocalRedis Redis { get; } = new(Path.Combine(Directory, "redis"), RedisPort);

    private static readonly Lazy<Task> Started = new(StartAsync);

    public static Task EnsureStartedAsync() => Started.Value;

    private static int PortFromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var port) && port is > 0 and < 65536 ? port : fallback;

    private static async Task StartAsync()
    {
        await using var _ = await CrossProcessLock.AcquireAsync(Path.Combine(Directory, "start.lock"), TimeSpan.FromMinutes(3));
        await Postgres.StartAsync();
        await Redis.StartDaemonAsync();
    }
}
