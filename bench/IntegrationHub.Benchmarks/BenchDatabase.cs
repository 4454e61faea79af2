using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Benchmarks;

/// <summary>Benchmarks B3/B4 run against a migrated database given by --db (a connection string).</summary>
public static class BenchDatabase
{
    public static string ConnectionString(string[] args) =>
        Option(args, "--db") ?? throw new ArgumentException("--db <connection string of a migrated, empty hub database> is required");

    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public static HubDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubDatabase(connectionString);
        return new HubDbContext(options.Options);
    }

    public static async Task<(Guid TenantId, Guid ConnectionId)> SeedAsync(string connectionString, string provider, string externalTenantId)
    {
        await using var db = Context(connectionString);
        var tenant = new Tenant { Name = "Bench " + Guid.NewGuid().ToString("N")[..6], Slug = "bench-" + Guid.NewGuid().ToString("N")[..10] };
        var connection = new Connection
        {
            TenantId = tenant.Id, Provider = provider, Environment = "simulator", DisplayName = "bench", Status = ConnectionStatus.Active, ExternalTenantId = externalTenantId,
        };
        db.AddRange(tenant, connection);
        await db.SaveChangesAsync();
        return (tenant.Id, connection.Id);
    }

    public static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
