using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Persistence;

/// <summary>
/// The hub's one database. Every <see cref="ITenantOwned"/> entity is filtered by the caller's tenant, so a query
/// written without a tenant condition still cannot see another tenant's rows; only code that says
/// IgnoreQueryFilters() (operators, the migrator, background jobs choosing their tenant) crosses tenants.
/// </summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options, ITenantContext? tenantContext = null)
    : IdentityDbContext<HubUser, HubRole, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Read by the query filters per query; EF parameterises it, so one compiled model serves every tenant.</summary>
    public Guid? CurrentTenantId => tenantContext?.TenantId;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantMembership> Memberships => Set<TenantMembership>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Credentials.Embedded.StoredSecret> StoredSecrets => Set<Credentials.Embedded.StoredSecret>();
    public DbSet<Connections.Connection> Connections => Set<Connections.Connection>();
    public DbSet<Connections.OAuthState> OAuthStates => Set<Connections.OAuthState>();
    public DbSet<Events.OutboxEvent> OutboxEvents => Set<Events.OutboxEvent>();
    public DbSet<Events.InboxEvent> InboxEvents => Set<Events.InboxEvent>();
    public DbSet<Records.SyncRecord> Records => Set<Records.SyncRecord>();
    public DbSet<Records.RecordVersion> RecordVersions => Set<Records.RecordVersion>();
    public DbSet<Records.RecordLink> RecordLinks => Set<Records.RecordLink>();
    public DbSet<Sync.SyncConfig> SyncConfigs => Set<Sync.SyncConfig>();
    public DbSet<Sync.SyncRun> SyncRuns => Set<Sync.SyncRun>();
    public DbSet<Sync.SyncCheckpoint> SyncCheckpoints => Set<Sync.SyncCheckpoint>();
    public DbSet<Sync.RecordFailure> RecordFailures => Set<Sync.RecordFailure>();
    public DbSet<Sync.DeleteQuarantine> DeleteQuarantines => Set<Sync.DeleteQuarantine>();
    public DbSet<Conflicts.Conflict> Conflicts => Set<Conflicts.Conflict>();
    public DbSet<Webhooks.Outbound.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.Outbound.WebhookEndpoint>();
    public DbSet<Webhooks.Outbound.WebhookMessage> WebhookMessages => Set<Webhooks.Outbound.WebhookMessage>();
    public DbSet<Webhooks.Outbound.WebhookAttempt> WebhookAttempts => Set<Webhooks.Outbound.WebhookAttempt>();
    public DbSet<Mapping.FieldMapping> FieldMappings => Set<Mapping.FieldMapping>();
    public DbSet<Mapping.LookupTable> LookupTables => Set<Mapping.LookupTable>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            GetType().GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
        }
    }

    private void ApplyTenantFilter<T>(ModelBuilder builder) where T : class, ITenantOwned =>
        builder.Entity<T>().HasQueryFilter(e => e.TenantId == CurrentTenantId);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>New tenant-owned rows get the current tenant; writing into another tenant is a bug and fails loudly.</summary>
    private void StampTenant()
    {
        if (CurrentTenantId is not { } tenantId) return;
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State == EntityState.Added && entry.Entity.TenantId == Guid.Empty) entry.Entity.TenantId = tenantId;
            else if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity.TenantId != tenantId)
                throw new InvalidOperationException($"Refusing to write a {entry.Entity.GetType().Name} of another tenant.");
        }
    }
}
