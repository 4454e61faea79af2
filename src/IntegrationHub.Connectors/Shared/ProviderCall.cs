using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Shared;

/// <summary>Sending through the connection and reading JSON, with transport failures and unreadable bodies classified.</summary>
public static class ProviderCall
{
    public static async Task<HttpResponseMessage> SendAsync(ConnectorContext context, string provider, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        try
        {
            return await context.SendAsync(build, ct);
        }
        catch (HttpRequestException e)
        {
            throw ProviderErrors.Transport(provider, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw ProviderErrors.Transport(provider, e);
        }
    }

    /// <summary>The body as a JSON object, or null when it is empty or not JSON (callers decide what that means).</summary>
    public static async Task<JsonObject?> TryReadObjectAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A successful response must carry a JSON object; a garbled one is retried as transient.</summary>
    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response, string provider, CancellationToken ct) =>
        await TryReadObjectAsync(response, ct)
        ?? throw new ConnectorException(ErrorClass.Transient, $"{provider} answered {(int)response.StatusCode} with a body that is not a JSON object")
        {
            StatusCode = (int)response.StatusCode,
        };
}
