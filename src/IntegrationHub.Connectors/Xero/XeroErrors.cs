using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Xero;

/// <summary>Xero error answers → <see cref="ConnectorException"/>: ValidationException bodies, per-item ValidationErrors, throttles with X-Rate-Limit-Problem.</summary>
public static class XeroErrors
{
    /// <summary>The messages of a ValidationException body (Elements[].ValidationErrors[].Message) or an element's own ValidationErrors.</summary>
    public static IReadOnlyList<string> Messages(JsonObject? body)
    {
        var messages = body.Objects("ValidationErrors").Select(v => v.Str("Message")).OfType<string>().ToList();
        foreach (var element in body.Objects("Elements"))
            messages.AddRange(element.Objects("ValidationErrors").Select(v => v.Str("Message")).OfType<string>());
        if (messages.Count == 0 && body.Str("Message") is { } message) messages.Add(message);
        if (messages.Count == 0 && body.Str("Detail") is { } detail) messages.Add(detail);
        return messages;
    }

    public static ConnectorException ToException(HttpResponseMessage response, JsonObject? body, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        var messages = Messages(body);
        var problem = response.Headers.TryGetValues("X-Rate-Limit-Problem", out var values) ? values.FirstOrDefault() : null;
        var text = status == 429
            ? $"Xero rate limit reached ({problem ?? "unspecified"} limit)"
            : $"Xero answered {status} {response.ReasonPhrase}{(messages.Count > 0 ? ": " + string.Join("; ", messages) : "")}";
        return ProviderErrors.FromResponse(response, text, now, providerCode: problem ?? body.Str("ErrorNumber") ?? body.Str("Type"));
    }

    /// <summary>An element of a 200 answer that carries ValidationErrors: that record failed validation.</summary>
    public static ConnectorException? ForElement(JsonObject element, string collection)
    {
        var messages = element.Objects("ValidationErrors").Select(v => v.Str("Message")).OfType<string>().ToList();
        if (messages.Count == 0) return null;
        return new ConnectorException(ErrorClass.Validation, $"Xero rejected the {collection} element: {string.Join("; ", messages)}") { StatusCode = 200 };
    }
}
