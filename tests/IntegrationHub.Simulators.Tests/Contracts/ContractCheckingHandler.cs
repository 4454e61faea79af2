using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Tests.Contracts;

public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Sits in every test client: each vendor response body is validated against the vendor's
/// published description, and a violation fails the test that received it.
/// </summary>
public sealed class ContractCheckingHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var media = response.Content.Headers.ContentType?.MediaType;
        if (media is null || !media.Contains("json")) return response;
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body;
        try { body = JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return response; }
        var errors = Validate(path, (int)response.StatusCode, body);
        if (errors is null) return response;
        if (errors.Count > 0)
            throw new ContractViolationException($"{request.Method} {path} → {(int)response.StatusCode} breaks the vendor contract:\n  " + string.Join("\n  ", errors.Take(20)));
        return response;
    }

    /// <summary>Null when the path is not covered by a vendor description (OAuth, control API, problem bodies).</summary>
    public static IReadOnlyList<string>? Validate(string path, int status, JsonNode? body)
    {
        if (path.StartsWith("/qbo/v3/company/", StringComparison.OrdinalIgnoreCase) && body is JsonObject)
            return QboXsdValidator.Instance.Value.Validate(body, "IntuitResponse");
        if (path.StartsWith("/xero/api.xro/2.0/", StringComparison.OrdinalIgnoreCase))
        {
            var segment = path["/xero/api.xro/2.0/".Length..].Split('/')[0];
            var xero = XeroSchemaValidator.Accounting.Value;
            if (status == 200 && body is JsonObject && xero.HasSchema(segment)) return xero.Validate(body, segment);
            if (status == 400 && body is JsonObject o && o.ContainsKey("ErrorNumber")) return xero.Validate(body, "Error");
            return null;
        }
        if (path.Equals("/xero/connections", StringComparison.OrdinalIgnoreCase) && status == 200 && body is JsonArray connections)
            return [.. connections.SelectMany(c => XeroSchemaValidator.Identity.Value.Validate(c, "Connection"))];
        return null;
    }
}
