using System.Globalization;
using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.RateLimiting;

namespace IntegrationHub.Simulators.Xero;

/// <summary>
/// For everything under /xero/api.xro/2.0: bearer token, <c>xero-tenant-id</c> (must be a tenant the
/// token was granted), and Xero's limits with their headers on every response.
/// </summary>
public sealed class XeroGateMiddleware(RequestDelegate next, [FromKeyedServices(Vendor.Xero)] TokenService tokens,
    XeroStore store, RateLimiter limiter, RateLimitSettings settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(XeroApiEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var token = ClientAuthentication.Bearer(context.Request);
        var grant = token is null ? null : tokens.Validate(token);
        if (grant is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await XeroProblems.Unauthorized(context);
            return;
        }
        var tenant = context.Request.Headers["xero-tenant-id"].ToString();
        var org = tenant.Length == 0 ? null : store.Find(tenant);
        if (org is null || !grant.Tenants.Contains(org.TenantId, StringComparer.OrdinalIgnoreCase))
        {
            await XeroProblems.Forbidden(context);
            return;
        }
        var decision = limiter.Acquire("xero:" + org.TenantId, "xero:" + grant.ClientId, settings.Xero);
        var headers = context.Response.Headers;
        headers["X-DayLimit-Remaining"] = Text(decision.DayRemaining);
        headers["X-MinLimit-Remaining"] = Text(decision.MinuteRemaining);
        headers["X-AppMinLimit-Remaining"] = Text(decision.AppMinuteRemaining);
        if (decision.Lease is null)
        {
            var problem = decision.Problem switch
            {
                RateLimitProblem.Day => "day",
                RateLimitProblem.Concurrent => "concurrent",
                RateLimitProblem.AppMinute => "appminute",
                _ => "minute",
            };
            await XeroProblems.WriteRateLimited(context, problem, decision.RetryAfter);
            return;
        }
        context.Items[XeroApiEndpoints.OrgItemKey] = org;
        using (decision.Lease)
        {
            await next(context);
        }
    }

    private static string Text(int remaining) => (remaining == int.MaxValue ? 999_999 : remaining).ToString(CultureInfo.InvariantCulture);
}
