using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests.Mapping;

/// <summary>A real scheduler for tests: it writes the queued run row (no job queue behind it), so tests can see exactly what was requested.</summary>
public sealed class RecordingSyncScheduler(HubDbContext db, ITenantContext tenant) : ISyncScheduler
{
    public async Task<SyncRun> RequestRunAsync(SyncRunRequest request, CancellationToken ct)
    {
        if (tenant.TenantId != request.TenantId) throw new InvalidOperationException("A run was requested for another tenant.");
        var run = new SyncRun { TenantId = request.TenantId, ConnectionId = request.ConnectionId, Kind = request.Kind, Trigger = request.Trigger, Entities = [.. request.Entities ?? []] };
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run;
    }
}

/// <summary>The Api with <see cref="RecordingSyncScheduler"/> as its scheduler.</summary>
public sealed class MappingApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<ISyncScheduler, RecordingSyncScheduler>());
    }
}
