using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>The real WebhookReceiver on Kestrel over a fresh database, with the simulator environment's webhook keys.</summary>
public sealed class ReceiverFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const int MaxBodyBytes = 64 * 1024;
    public TestDatabase Database { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        UseKestrel(0);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:hubdb", Database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", Database.RedisConnectionString);
        builder.UseSetting("Secrets:KeyFile", Path.Combine(TestServers.Directory, "master.key"));
        builder.UseSetting("Providers:DefaultEnvironment", "simulator");
        builder.UseSetting("Webhooks:MaxBodyBytes", MaxBodyBytes.ToString());
    }

    /// <summary>A tenant with an active connection to the given provider company.</summary>
    public async Task<(Guid TenantId, Guid ConnectionId)> ConnectAsync(string provider, string externalTenantId)
    {
        await using var db = Database.CreateContext();
        var tenant = new Tenant { Name = "T " + Guid.NewGuid().ToString("N")[..6], Slug = "t-" + Guid.NewGuid().ToString("N")[..10] };
        db.Tenants.Add(tenant);
        var connection = new Connection
        {
            TenantId = tenant.Id, Provider = provider, Environment = "simulator", DisplayName = provider, Status = ConnectionStatus.Active, ExternalTenantId = externalTenantId,
        };
        db.Connections.Add(connection);
        await db.SaveChangesAsync();
        return (tenant.Id, connection.Id);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
