using Microsoft.AspNetCore.Diagnostics;

namespace IntegrationHub.Api.Infrastructure;

/// <summary>
/// Malformed JSON, wrong content types and oversized bodies surface as BadHttpRequestException; they are the
/// caller's mistake and answer 400/413 with a ProblemDetails that says what was wrong, never a 500.
/// Anything else is ours: a 500 ProblemDetails with a trace id and no internal detail.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The request body exceeds the limit of {ApiLimits.MaxRequestBodyBytes / 1024} KiB."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Describe(bad)),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The server failed to handle the request; the trace id identifies it in the logs."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    // The framework's message names the parameter and the reason ("Failed to read parameter … as JSON"); the inner
    // JsonException adds the path and position, which is what a client needs to fix the body.
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
