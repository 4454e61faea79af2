using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Api.Auth;

/// <summary>
/// One rule for both kinds of caller: a portal user needs at least <see cref="MinimumRole"/> in the current tenant;
/// an API key needs one of <see cref="Scopes"/>. Either way the caller must be inside a tenant.
/// </summary>
public sealed record TenantAccess(TenantRole MinimumRole, string[] Scopes) : IAuthorizationRequirement
{
    public const string Read = "tenant:read";
    public const string Write = "tenant:write";
    public const string Admin = "tenant:admin";
    public const string Operator = "operator";
}

public sealed class TenantAccessHandler : AuthorizationHandler<TenantAccess>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccess requirement)
    {
        var user = context.User;
        if (user.TenantId() is null) return Task.CompletedTask;
        var allowed = user.HasClaim(c => c.Type == HubClaims.ApiKeyId)
            ? requirement.Scopes.Any(s => user.HasClaim(HubClaims.Scope, s))
            : user.Role() >= requirement.MinimumRole;
        if (allowed) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class AuthorizationPolicies
{
    public static AuthorizationBuilder AddHubPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(TenantAccess.Read, p => p.AddRequirements(new TenantAccess(TenantRole.Viewer, ApiScopes.All)))
        .AddPolicy(TenantAccess.Write, p => p.AddRequirements(new TenantAccess(TenantRole.Admin, [ApiScopes.Write, ApiScopes.Admin])))
        .AddPolicy(TenantAccess.Admin, p => p.AddRequirements(new TenantAccess(TenantRole.Admin, [ApiScopes.Admin])))
        // Operators are people: an API key never carries the platform role.
        .AddPolicy(TenantAccess.Operator, p => p.RequireRole(HubClaims.OperatorRole).AddAuthenticationSchemes(PortalSession.Scheme));
}
