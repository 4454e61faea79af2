namespace IntegrationHub.Core.Tenancy;

/// <summary>The tenant the current request or job acts for; null means "no tenant", which matches no tenant-owned row.</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
}

/// <summary>A fixed tenant for jobs, the migrator and tests.</summary>
public sealed class FixedTenantContext(Guid? tenantId) : ITenantContext
{
    public Guid? TenantId { get; } = tenantId;
}
