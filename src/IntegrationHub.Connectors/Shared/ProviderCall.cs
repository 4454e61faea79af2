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
        await TryReadObjectAsync(response, ct) ?? throw NotAnObject(response, provider);

    /// <summary>
    /// <see cref="ReadObjectAsync"/> as a parsed element (UTF-8 straight from the body, no node tree), for pages of records
    /// read in place.
    /// </summary>
    public static async Task<JsonElement> ReadElementAsync(HttpResponseMessage response, string provider, CancellationToken ct)
    {
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        try
        {
            var root = JsonElement.Parse(body);
            if (root.ValueKind == JsonValueKind.Object) return root;
        }
        catch (JsonException)
        {
        }
        throw NotAnObject(response, provider);
    }

    private static ConnectorException NotAnObject(HttpResponseMessage response, string provider) =>
        new(ErrorClass.Transient, $"{provider} answered {(int)response.StatusCode} with a body that is not a JSON object")
        {
            StatusCode = (int)response.StatusCode,
        };
}
