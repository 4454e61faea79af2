using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Api.Infrastructure;

/// <summary>
/// Refuses a declared oversized body before anything reads it, and caps undeclared (chunked) bodies through the
/// server's body-size feature, so the limit holds on every host, Kestrel or not.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > ApiLimits.MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = ApiLimits.MaxRequestBodyBytes;
        }
        return next(context);
    }
}
