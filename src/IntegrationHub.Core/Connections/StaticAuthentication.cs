using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.Connections;

/// <summary>Puts a typed-in credential on a request: the API key in the header the connector names (Bearer when it is Authorization), or HTTP Basic.</summary>
public static class StaticAuthentication
{
    public static HttpRequestMessage Apply(HttpRequestMessage request, ConnectorMetadata connector, Connection connection, StaticCredential credential)
    {
        if (connector.Auth.Kind == AuthKind.Basic)
        {
            var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", pair);
        }
        else if (connector.Auth.ApiKeyHeader is null or "Authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.ApiKey);
        }
        else
        {
            request.Headers.Add(connector.Auth.ApiKeyHeader, credential.ApiKey);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (connector.TenantKey?.Header is { } header && connection.ExternalTenantId is { } tenant) request.Headers.Add(header, tenant);
        return request;
    }
}
