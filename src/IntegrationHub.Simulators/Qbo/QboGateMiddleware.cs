using IntegrationHub.Simulators.OAuth;
using IntegrationHub.Simulators.RateLimiting;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// Bearer-token check and QBO's throttles (500 requests/min and 10 concurrent per realm) for
/// everything under /qbo/v3/company/{realmId}.
/// </summary>
public sealed class QboGateMiddleware(RequestDelegate next, [FromKeyedServices(Vendor.Qbo)] TokenService tokens,
    RateLimiter limiter, RateLimitSettings settings, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(QboApiEndpoints.Prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        var realmId = path[(QboApiEndpoints.Prefix.Length + 1)..].Split('/')[0];
        var token = ClientAuthentication.Bearer(context.Request);
        var grant = token is null ? null : tokens.Validate(token);
        if (grant is null)
        {
            await QboResults.WriteFault(context, QboFaultException.Unauthorized("Token expired or invalid: the access token is missing, expired or revoked"), time);
            return;
        }
        if (!grant.Tenants.Contains(realmId))
        {
            await QboResults.WriteFault(context, new QboFaultException(403, "003100",
                "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403", "The token is not authorised for this realm", "AUTHORIZATION"), time);
            return;
        }
        var decision = limiter.Acquire("qbo:" + realmId, "qbo:" + grant.ClientId, settings.Qbo);
        if (decision.Lease is null)
        {
            context.Response.Headers.RetryAfter = "60";
            await QboResults.WriteFault(context, QboFaultException.Throttled($"Request throttled ({decision.Problem}); wait 60 seconds before retrying"), time);
            return;
        }
        using (decision.Lease)
        {
            await next(context);
        }
    }
}
