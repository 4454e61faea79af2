using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Core.Persistence;

public static class PersistenceExtensions
{
    /// <summary>The one place that configures Npgsql for the hub: snake_case names, retries on transient failures.</summary>
    public static DbContextOptionsBuilder UseHubDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql =>
            {
                npgsql.EnableRetryOnFailure(maxRetryCount: 5, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null);
                npgsql.MigrationsHistoryTable("__ef_migrations_history");
            })
            .UseSnakeCaseNamingConvention();
}
