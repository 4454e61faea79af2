using IntegrationHub.Core.Webhooks.Inbound;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IntegrationHub.WebhookReceiver;

/// <summary>POST /webhooks/{provider} and /webhooks/{provider}/{connectionId}: buffer the raw body once, then the pipeline.</summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/{provider}", (string provider, HttpContext http, WebhookIngest ingest, IOptions<ReceiverOptions> options, CancellationToken ct) =>
            ReceiveAsync(provider, null, http, ingest, options.Value, ct));
        app.MapPost("/webhooks/{provider}/{connectionId:guid}", (string provider, Guid connectionId, HttpContext http, WebhookIngest ingest,
            IOptions<ReceiverOptions> options, CancellationToken ct) => ReceiveAsync(provider, connectionId, http, ingest, options.Value, ct));
        return app;
    }

    private static async Task<Results<Ok, ContentHttpResult, ProblemHttpResult>> ReceiveAsync(string provider, Guid? connectionId, HttpContext http,
        WebhookIngest ingest, ReceiverOptions options, CancellationToken ct)
    {
        var body = await ReadBodyAsync(http.Request, options.MaxBodyBytes, ct);
        if (body is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                detail: $"The body must be at most {options.MaxBodyBytes} bytes.");
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var url = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}");
        var result = await ingest.HandleAsync(provider, connectionId, new InboundWebhook(http.Request.Method, url, headers, body), ct);
        return result.Status switch
        {
            200 when result.PlainTextBody is { } text => TypedResults.Text(text, "text/plain"),
            200 => TypedResults.Ok(),
            401 => TypedResults.Problem(statusCode: 401, title: "Signature verification failed"),
            404 => TypedResults.Problem(statusCode: 404, title: "Not found", detail: "Unknown provider or connection."),
            _ => TypedResults.Problem(statusCode: result.Status, title: "Malformed webhook", detail: result.Reason),
        };
    }

    /// <summary>The raw body, or null when it is larger than the limit (by Content-Length or by what actually arrives).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max) return null;
        var buffer = new byte[request.ContentLength is { } length ? (int)length : Math.Min(max, 16 * 1024)];
        var used = 0;
        while (true)
        {
            if (used == buffer.Length)
            {
                if (buffer.Length > max) return null;
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, max + 1));
            }
            var read = await request.Body.ReadAsync(buffer.AsMemory(used), ct);
            if (read == 0) break;
            used += read;
            if (used > max) return null;
        }
        return used == buffer.Length ? buffer : buffer[..used];
    }
}
