using Hangfire.PostgreSql;
using Npgsql;

namespace IntegrationHub.Core.Jobs;

/// <summary>
/// Hangfire's tables live in their own schema of the hub database. The one-shot migrator installs them; services
/// never prepare the schema at startup (several workers starting together would race on it).
/// </summary>
public static class HangfireSchema
{
    public const string Name = "hangfire";

    /// <summary>Identifies the installed schema (the storage package's version), e.g. to key a test template database.</summary>
    public static string Version { get; } = "hangfire-" + typeof(PostgreSqlStorage).Assembly.GetName().Version;

    public static async Task InstallAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, Name);
    }
}
