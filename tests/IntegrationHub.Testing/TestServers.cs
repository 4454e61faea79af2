using IntegrationHub.LocalInfra;

namespace IntegrationHub.Testing;

/// <summary>
/// One PostgreSQL and one Redis for the whole test run, shared by every test project (each runs as its own process).
/// Started on first use if not already running; ./hub test stops them at the end.
/// </summary>
public static class TestServers
{
    public const int PostgresPort = 56432;
    public const int RedisPort = 56379;
    public static string Directory => Path.Combine(RepoPaths.Root, ".hub", "test");
    public static LocalPostgres Postgres { get; } = new(Path.Combine(Directory, "postgres"), PostgresPort);
    public static LocalRedis Redis { get; } = new(Path.Combine(Directory, "redis"), RedisPort);

    private static readonly Lazy<Task> Started = new(StartAsync);

    public static Task EnsureStartedAsync() => Started.Value;

    private static async Task StartAsync()
    {
        await using var _ = await CrossProcessLock.AcquireAsync(Path.Combine(Directory, "start.lock"), TimeSpan.FromMinutes(3));
        await Postgres.StartAsync();
        await Redis.StartDaemonAsync();
    }
}
