using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace IntegrationHub.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without a running database or service.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<HubDbContext>();
        options.UseHubDatabase("Host=127.0.0.1;Database=hub_design");
        return new HubDbContext(options.Options);
    }
}
