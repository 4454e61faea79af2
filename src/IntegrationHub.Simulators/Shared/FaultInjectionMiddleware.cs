using System.Text;
using IntegrationHub.Simulators.Qbo;
using IntegrationHub.Simulators.Xero;

namespace IntegrationHub.Simulators.Shared;

/// <summary>Applies injected faults to vendor traffic before anything else runs, vendor-shaped.</summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjection faults, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var vendor = path.StartsWith("/qbo/", StringComparison.OrdinalIgnoreCase) ? "qbo"
            : path.StartsWith("/xero/", StringComparison.OrdinalIgnoreCase) ? "xero" : null;
        var rule = vendor is null ? null : faults.Take(vendor, path);
        if (rule is null)
        {
            await next(context);
            return;
        }
        var aborted = context.RequestAborted;
        switch (rule.Kind)
        {
            case FaultKind.Latency:
                await Task.Delay(rule.DelayMs, aborted);
                await next(context);
                break;
            case FaultKind.Timeout:
                // Hold the request like a vendor that never answers; QBO cuts requests at 120 s.
                await Task.Delay(rule.DelayMs > 0 ? rule.DelayMs : 120_000, aborted);
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                break;
            case FaultKind.Malformed:
                context.Response.ContentType = "application/json";
                var cut = vendor == "qbo" ? "{\"QueryResponse\":{\"Invoice\":[{\"Id\":\"1\",\"SyncToken\":" : "{\"Invoices\":[{\"InvoiceID\":\"";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(cut), aborted);
                break;
            case FaultKind.RateLimit when vendor == "qbo":
                context.Response.Headers.RetryAfter = Math.Max(1, rule.RetryAfterSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await QboResults.WriteFault(context, QboFaultException.Throttled("Injected throttle"), time);
                break;
            case FaultKind.RateLimit:
                await XeroProblems.WriteRateLimited(context, "minute", TimeSpan.FromSeconds(Math.Max(1, rule.RetryAfterSeconds)));
                break;
            default:
                await WriteServerError(context, vendor!, rule.StatusCode, time);
                break;
        }
    }

    private static Task WriteServerError(HttpContext context, string vendor, int status, TimeProvider time) => vendor == "qbo"
        ? QboResults.WriteFault(context, new QboFaultException(status, "10000", "An application error has occurred while processing your request", "System Failure Error: injected fault", "SystemFault"), time)
        : XeroProblems.Write(context, status, status == 503 ? "Service Unavailable" : "Internal Server Error", "Injected fault");
}
