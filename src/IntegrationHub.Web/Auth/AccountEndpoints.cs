using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// Plain form posts from the interactive portal: a circuit cannot write cookies, so signing out and switching tenant
/// are HTTP round trips that end in a full page load (which also starts a fresh circuit with the new cookie).
/// Minimal API form binding validates the antiforgery token.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").RequireAuthorization();

        account.MapPost("/signout", async (HttpContext http, PortalSignIn signIn) =>
        {
            await signIn.SignOutAsync(http);
            return TypedResults.LocalRedirect("~/signin?signedOut=true");
        });

        account.MapPost("/switch-tenant", async ([FromForm] Guid tenantId, HttpContext http, PortalSignIn signIn) =>
            // A refused switch (tenant disabled, membership removed) goes back to the portal with a notice, not to an error page.
            TypedResults.LocalRedirect(await signIn.SwitchTenantAsync(http, tenantId) ? "~/" : "~/?notice=tenant-unavailable"));

        return app;
    }
}
