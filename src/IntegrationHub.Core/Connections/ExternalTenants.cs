using System.Net.Http.Headers;
using System.Text.Json;
using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.Connections;

public sealed record ExternalTenant(string Id, string Name);

/// <summary>Which companies or organisations a token may address, for providers that say so through an endpoint (Xero's /connections).</summary>
public sealed class ExternalTenants(HttpClient http, ProviderSettings settings)
{
    public async Task<IReadOnlyList<ExternalTenant>> ListAsync(ConnectorMetadata connector, string environment, string accessToken, CancellationToken ct)
    {
        if (connector.Environment(environment).ConnectionsUrl is not { } url) return [];
        using var request = new HttpRequestMessage(HttpMethod.Get, settings.Url(url));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return json.RootElement.EnumerateArray()
            .Where(e => !e.TryGetProperty("tenantType", out var type) || type.GetString() == "ORGANISATION")
            .Select(e => new ExternalTenant(e.GetProperty("tenantId").GetString()!, e.TryGetProperty("tenantName", out var n) ? n.GetString() ?? "" : ""))
            .ToList();
    }
}
