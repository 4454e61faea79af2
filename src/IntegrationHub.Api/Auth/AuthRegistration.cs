using IntegrationHub.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace IntegrationHub.Api.Auth;

public static class AuthRegistration
{
    private const string SelectorScheme = "Hub";

    /// <summary>API key when the request carries one, otherwise the portal session cookie; an API answers 401/403, never a login redirect.</summary>
    public static IServiceCollection AddHubApiAuth(this IServiceCollection services)
    {
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or portal session", o => o.ForwardDefaultSelector = ctx =>
                ApiKeyAuthenticationHandler.ReadKey(ctx.Request) is not null ? ApiKeyAuthenticationHandler.SchemeName : PortalSession.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(PortalSession.Scheme, o =>
            {
                PortalSession.Configure(o);
                o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        services.AddScoped<IClaimsTransformation, PortalMembershipTransformation>();
        services.AddSingleton<IAuthorizationHandler, TenantAccessHandler>();
        services.AddAuthorizationBuilder().AddHubPolicies();
        return services;
    }
}
