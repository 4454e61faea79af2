using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class InfrastructureHealthChecks
{
    /// <summary>Readiness checks for the hub database and Redis, read from Aspire's connection-string keys.</summary>
    public static IHealthChecksBuilder AddHubInfrastructureChecks(this IHealthChecksBuilder checks, bool redis = true)
    {
        checks.Add(new HealthCheckRegistration("postgres", sp => new PostgresHealthCheck(sp.GetRequiredService<IConfiguration>()),
            HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag], TimeSpan.FromSeconds(5)));
        if (redis)
        {
            checks.Add(new HealthCheckRegistration("redis", sp => new RedisHealthCheck(sp.GetRequiredService<IConnectionMultiplexer>()),
                HealthStatus.Unhealthy, [ServiceDefaultsExtensions.ReadyTag], TimeSpan.FromSeconds(5)));
        }
        return checks;
    }

    private sealed class PostgresHealthCheck(IConfiguration configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = new NpgsqlConnection(configuration.GetConnectionString("hubdb"));
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not reachable");
            }
        }
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis is not reachable");
            }
        }
    }
}
