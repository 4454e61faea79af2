namespace IntegrationHub.Core.Tenancy;

public sealed class TenantMembership : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; init; }
    public TenantRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public Identity.HubUser? User { get; init; }
    public Tenant? Tenant { get; init; }
}
