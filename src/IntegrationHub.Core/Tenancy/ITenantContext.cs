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

/// <summary>
/// The scoped tenant of a request or job: the Api enters the authenticated caller's tenant after authentication;
/// a job enters the tenant it works for before touching tenant-owned data.
/// </summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }

    public void Enter(Guid? tenantId) => TenantId = tenantId;
}
