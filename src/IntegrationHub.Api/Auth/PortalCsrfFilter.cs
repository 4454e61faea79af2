using IntegrationHub.Core.Identity;

namespace IntegrationHub.Api.Auth;

/// <summary>
/// Cookies travel with any same-site request, so a state-changing call made with the portal session must also carry
/// a custom header that a cross-origin page cannot add without a CORS preflight (which this API never grants).
/// </summary>
public sealed class PortalCsrfFilter : IEndpointFilter
{
    public const string HeaderName = "X-Hub-Portal";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var viaCookie = http.User.Identity?.AuthenticationType == PortalSession.Scheme;
        if (viaCookie && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !http.Request.Headers.ContainsKey(HeaderName))
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                title: "Missing portal header", detail: $"Requests authenticated by the portal session must send the {HeaderName} header.",
                statusCode: StatusCodes.Status403Forbidden));
        }
        return next(context);
    }
}
