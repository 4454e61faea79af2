using IntegrationHub.Simulators.Shared;
using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Xero;

/// <summary>Xero's non-validation error bodies: the problem-details shape its gateway returns for 401, 403 and 429.</summary>
public static class XeroProblems
{
    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new JsonObject
        {
            ["Type"] = null,
            ["Title"] = title,
            ["Status"] = status,
            ["Detail"] = detail,
            ["Instance"] = Guid.NewGuid().ToString(),
            ["Extensions"] = new JsonObject(),
        };
        await context.Response.WriteAsync(body.ToJsonString(SimJson.Options), context.RequestAborted);
    }

    public static Task WriteRateLimited(HttpContext context, string problem, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers["X-Rate-Limit-Problem"] = problem;
        return Write(context, StatusCodes.Status429TooManyRequests, "Too Many Requests", $"Rate limit exceeded: {problem}");
    }

    public static Task Unauthorized(HttpContext context) => Write(context, 401, "Unauthorized", "AuthenticationUnsuccessful");

    public static Task Forbidden(HttpContext context) => Write(context, 403, "Forbidden", "AuthenticationUnsuccessful");
}
