namespace IntegrationHub.Core.Tenancy;

/// <summary>Marks an entity that belongs to one tenant: the DbContext filters every query on it by the caller's tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; set; }
}
