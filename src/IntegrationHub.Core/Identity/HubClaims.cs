namespace IntegrationHub.Core.Identity;

/// <summary>Claim types and role names shared by the Api (cookie and API key) and the portal.</summary>
public static class HubClaims
{
    public const string TenantId = "hub:tenant";
    public const string TenantRole = "hub:tenant_role";
    public const string Scope = "hub:scope";
    public const string ApiKeyId = "hub:api_key";
    /// <summary>Platform operators manage every tenant; it is an Identity role, not a tenant role.</summary>
    public const string OperatorRole = "operator";
    public const string ApplicationName = "IntegrationHub";
    public const string CookieName = ".IntegrationHub.Session";
}
