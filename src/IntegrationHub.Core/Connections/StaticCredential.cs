using System.Text.Json.Serialization;
using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.Connections;

/// <summary>
/// A credential the tenant types in rather than grants by consent: an API key, a user name and password, or a
/// client id and secret for the client-credentials grant. ToString never prints the secret parts.
/// </summary>
public sealed record StaticCredential(
    [property: JsonPropertyName("api_key")] string? ApiKey = null,
    [property: JsonPropertyName("username")] string? Username = null,
    [property: JsonPropertyName("password")] string? Password = null,
    [property: JsonPropertyName("client_id")] string? ClientId = null,
    [property: JsonPropertyName("client_secret")] string? ClientSecret = null)
{
    /// <summary>The fields each kind needs, by their request names, so a form can show exactly what is missing.</summary>
    public IReadOnlyList<string> MissingFor(AuthKind kind) => kind switch
    {
        AuthKind.ApiKey => Missing(("apiKey", ApiKey)),
        AuthKind.Basic => Missing(("username", Username), ("password", Password)),
        AuthKind.OAuth2ClientCredentials => Missing(("clientId", ClientId), ("clientSecret", ClientSecret)),
        _ => ["this provider connects through its consent page, not with typed-in credentials"],
    };

    private static string[] Missing(params (string Name, string? Value)[] fields) =>
        [.. fields.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Name)];

    public override string ToString() => $"StaticCredential {{ Username = {Username}, ClientId = {ClientId}, secrets = *** }}";
}
