using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// Plain form posts from the interactive portal: a circuit cannot write cookies, so signing out and switching tenant
/// are HTTP round trips that end in a full page load (which also starts a fresh circuit with the new cookie).
/// Both require the antiforgery token the forms carry, so another site cannot sign a user out or move their session.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute());

        // The middleware only records the token check; endpoints that bind no form field must act on the result themselves.
        account.MapPost("/signout", async Task<IResult> (HttpContext http, PortalSignIn signIn) =>
        {
            if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-out form has expired; reload the page and try again.");
            await signIn.SignOutAsync(http);
            return TypedResults.LocalRedirect("~/signin?signedOut=true");
        });

        account.MapPost("/switch-tenant", async ([FromForm] Guid tenantId, HttpContext http, PortalSignIn signIn) =>
            // A refused switch (tenant disabled, membership removed) goes back to the portal with a notice, not to an error page.
            TypedResults.LocalRedirect(await signIn.SwitchTenantAsync(http, tenantId) ? "~/" : "~/?notice=tenant-unavailable"));

        return app;
    }
}
