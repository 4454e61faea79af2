using IntegrationHub.Core.Persistence;
using IntegrationHub.LocalInfra;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace IntegrationHub.Testing;

/// <summary>
/// A fresh, fully migrated database for one test class, cloned from a template that is migrated once per schema
/// version (CREATE DATABASE … TEMPLATE takes milliseconds; migrating from scratch per class would take seconds).
/// On the shared test servers by default; fault tests that stop or restart a server pass a private one they own.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private const string Template = "hub_template";
    private readonly LocalPostgres? _postgres;
    private readonly string? _redisConnectionString;

    /// <summary>On the shared test servers (the only public constructor: xUnit creates class fixtures with it).</summary>
    public TestDatabase() { }

    private TestDatabase(LocalPostgres? postgres, string? redisConnectionString)
    {
        _postgres = postgres;
        _redisConnectionString = redisConnectionString;
    }

    /// <summary>On a PostgreSQL and/or Redis the caller started and owns (null: the shared one).</summary>
    public static TestDatabase OnOwnServers(LocalPostgres? postgres = null, string? redisConnectionString = null) => new(postgres, redisConnectionString);

    private LocalPostgres Server => _postgres ?? TestServers.Postgres;
    public string Name { get; } = "t_" + Guid.NewGuid().ToString("N")[..16];
    public string ConnectionString => Server.ConnectionString(Name);
    public string RedisConnectionString => _redisConnectionString ?? TestServers.Redis.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        // The shared servers also provide the secrets key file every test host uses.
        await TestServers.EnsureStartedAsync();
        await EnsureTemplateAsync();
        await ExecuteAsync($"CREATE DATABASE \"{Name}\" TEMPLATE {Template}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public HubDbContext CreateContext(Guid? tenantId = null)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubDatabase(ConnectionString);
        return new HubDbContext(options.Options, new Core.Tenancy.FixedTenantContext(tenantId));
    }

    private async Task EnsureTemplateAsync()
    {
        await using var _ = await CrossProcessLock.AcquireAsync(Path.Combine(TestServers.Directory, "template.lock"), TimeSpan.FromMinutes(3));
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubDatabase(Server.ConnectionString(Template));
        await using var db = new HubDbContext(options.Options);
        // Keyed by the last migration and the job storage schema: a change to either rebuilds the template.
        var latest = (db.Database.GetMigrations().LastOrDefault() ?? "none") + "+" + Core.Jobs.HangfireSchema.Version;
        await using var admin = new NpgsqlConnection(Server.ConnectionString());
        await admin.OpenAsync();
        await using (var check = new NpgsqlCommand("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = @n", admin))
        {
            check.Parameters.AddWithValue("n", Template);
            if (await check.ExecuteScalarAsync() is string comment && comment == latest) return;
        }
        await ExecuteAsync($"DROP DATABASE IF EXISTS {Template} WITH (FORCE)");
        await ExecuteAsync($"CREATE DATABASE {Template}");
        await db.Database.MigrateAsync();
        await Core.Jobs.HangfireSchema.InstallAsync(Server.ConnectionString(Template), CancellationToken.None);
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"COMMENT ON DATABASE {Template} IS '{latest}'");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
