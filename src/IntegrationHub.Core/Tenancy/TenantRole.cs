namespace IntegrationHub.Core.Tenancy;

/// <summary>A portal user's role inside one tenant. Ordered: a higher value can do everything a lower one can.</summary>
public enum TenantRole
{
    Viewer = 0,
    Admin = 1,
    Owner = 2,
}
