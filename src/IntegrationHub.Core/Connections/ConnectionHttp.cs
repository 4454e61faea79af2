using System.Net;
using System.Net.Http.Headers;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.RateLimits;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// Sends a request to a provider as a connection: adds the bearer token and the external-tenant header the
/// connector declares (Xero's xero-tenant-id), and on a 401 refreshes once (single-flight) and retries.
/// Every call draws from the connection's shared rate budget first (<see cref="ConnectionRateLimiter"/>); a 429 comes
/// back as-is after blocking that budget, for the connector to turn into a RateLimited error
/// (<see cref="ProviderResponses.ThrowIfRateLimited"/>). Token endpoints are not budgeted (they go through OAuthClient).
/// </summary>
public sealed class ConnectionHttp(
    HttpClient http, AccessTokens tokens, ConnectionCredentials credentials, ProviderSettings settings, ConnectorCatalog catalog, ConnectionRateLimiter limiter)
{
    public string ApiUrl(Connection connection, string relative) =>
        settings.Url(catalog.Find(connection.Provider)!.Environment(connection.Environment).ApiBaseUrl, connection.ExternalTenantId) + relative;

    public async Task<HttpResponseMessage> SendAsync(Connection connection, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var connector = catalog.Find(connection.Provider)!;
        if (connector.Auth.Kind is AuthKind.ApiKey or AuthKind.Basic)
        {
            var credential = await credentials.LoadStaticAsync(connection, ct)
                ?? throw new ConnectionUnavailableException(connection.Id, connection.Status, "no stored credential");
            return await BudgetedAsync(connection, connector, () => StaticAuthentication.Apply(build(), connector, connection, credential), ct);
        }
        var token = await tokens.GetAsync(connection.Id, ct: ct);
        var response = await BudgetedAsync(connection, connector, () => Prepare(build(), connector, connection, token), ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        response.Dispose();
        var refreshed = await tokens.GetAsync(connection.Id, rejectedAccessToken: token, ct: ct);
        return await BudgetedAsync(connection, connector, () => Prepare(build(), connector, connection, refreshed), ct);
    }

    private async Task<HttpResponseMessage> BudgetedAsync(Connection connection, ConnectorMetadata connector, Func<HttpRequestMessage> request, CancellationToken ct)
    {
        await using var lease = await limiter.AcquireAsync(connection, connector, ct);
        var response = await http.SendAsync(request(), ct);
        await limiter.ObserveAsync(lease, response);
        return response;
    }

    private static HttpRequestMessage Prepare(HttpRequestMessage request, ConnectorMetadata connector, Connection connection, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (connector.TenantKey?.Header is { } header && connection.ExternalTenantId is { } tenant) request.Headers.Add(header, tenant);
        return request;
    }
}
