using System.Security.Claims;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace IntegrationHub.Web.Auth;

/// <summary>
/// Issues, re-issues and ends the portal session cookie. Only static (HTTP) requests can set cookies, so the
/// sign-in page and the account endpoints call this; interactive components never do.
/// </summary>
public sealed class PortalSignIn(HubDbContext db, UserManager<HubUser> users, SignInManager<HubUser> signInManager, TimeProvider clock)
{
    public async Task<SignInOutcome> SignInAsync(HttpContext http, string email, string password)
    {
        var ct = http.RequestAborted;
        email = email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await AuditFailureAsync(http, null, null, email, "unknown_user");
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }

        var isOperator = await users.IsInRoleAsync(user, HubClaims.OperatorRole);
        var access = await TenantAccess.ResolveAsync(db, user.Id, isOperator, wanted: null, ct);
        // Lockout counts failures, so a locked account is reported as locked even when this password was right.
        var check = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            var reason = check.IsLockedOut ? "locked_out" : check.IsNotAllowed ? "not_allowed" : "bad_password";
            await AuditFailureAsync(http, access?.TenantId, user.Id, email, reason);
            return check.IsLockedOut
                ? new SignInOutcome(SignInStatus.LockedOut, user.LockoutEnd)
                : new SignInOutcome(SignInStatus.InvalidCredentials);
        }
        if (access is null)
        {
            await AuditFailureAsync(http, null, user.Id, email, "no_tenant");
            return new SignInOutcome(SignInStatus.NoTenant);
        }

        user.LastSignInAt = clock.GetUtcNow();
        db.Audit(access.TenantId, AuditActions.SignIn, Actor(http, user.Id.ToString(), email), "user", user.Id.ToString());
        await db.SaveChangesAsync(ct);
        await http.SignInAsync(PortalSession.Scheme, PortalPrincipal.Create(user, access, isOperator));
        return new SignInOutcome(SignInStatus.Succeeded);
    }

    /// <summary>Moves the session to another tenant after checking, against the database, that the user may act for it.</summary>
    public async Task<bool> SwitchTenantAsync(HttpContext http, Guid tenantId)
    {
        var ct = http.RequestAborted;
        if (PortalPrincipal.UserId(http.User) is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user) return false;
        var isOperator = await users.IsInRoleAsync(user, HubClaims.OperatorRole);
        if (await TenantAccess.ResolveAsync(db, userId, isOperator, tenantId, ct) is not { } access) return false;

        var from = PortalPrincipal.TenantId(http.User);
        db.Audit(access.TenantId, AuditActions.TenantSwitched, AuditActor.From(http.User, Ip(http)), "tenant", tenantId.ToString(), new { from });
        await db.SaveChangesAsync(ct);
        await http.SignInAsync(PortalSession.Scheme, PortalPrincipal.Create(user, access, isOperator));
        return true;
    }

    public async Task SignOutAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            db.Audit(PortalPrincipal.TenantId(http.User), AuditActions.SignOut, AuditActor.From(http.User, Ip(http)),
                "user", http.User.FindFirstValue(ClaimTypes.NameIdentifier));
            await db.SaveChangesAsync(http.RequestAborted);
        }
        await http.SignOutAsync(PortalSession.Scheme);
    }

    /// <summary>Records the attempted email and why it failed; the password is never passed here.</summary>
    private async Task AuditFailureAsync(HttpContext http, Guid? tenantId, Guid? userId, string email, string reason)
    {
        db.Audit(tenantId, AuditActions.SignInFailed, Actor(http, userId?.ToString(), email), "user", userId?.ToString(), new { email, reason });
        await db.SaveChangesAsync(http.RequestAborted);
    }

    private static AuditActor Actor(HttpContext http, string? userId, string email) => new("user", userId, email, Ip(http));

    private static string? Ip(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}
