using System.Diagnostics;
using System.Text;

namespace IntegrationHub.Simulators.Shared;

/// <summary>Records every vendor request (not control or health traffic) with its body, masked.</summary>
public sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    private const int MaxBody = 64 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/qbo", StringComparison.OrdinalIgnoreCase) && !path.StartsWith("/xero", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering();
        string? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var buffer = new byte[MaxBody];
            var read = 0;
            int n;
            while (read < MaxBody && (n = await context.Request.Body.ReadAsync(buffer.AsMemory(read, MaxBody - read), context.RequestAborted)) > 0) read += n;
            body = RequestLog.MaskBody(Encoding.UTF8.GetString(buffer, 0, read));
            context.Request.Body.Position = 0;
        }
        var sequence = log.NextSequence();
        var at = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            log.Add(new LoggedRequest(sequence, at, context.Request.Method, path, RequestLog.MaskQuery(context.Request.QueryString.Value ?? ""),
                RequestLog.MaskHeaders(context.Request.Headers), body, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        }
    }
}
