using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.OAuth;

/// <summary>The OAuth 2.0 calls every provider shares: authorize URL, code exchange, refresh, revocation (RFC 6749, 7009, 7636).</summary>
public sealed class OAuthClient(HttpClient http, ProviderSettings settings, TimeProvider clock)
{
    public async Task<string> AuthorizeUrlAsync(ConnectorMetadata connector, string environment, string redirectUri, string state, string? codeChallenge, CancellationToken ct)
    {
        var env = connector.Environment(environment);
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = (await settings.AppAsync(connector, environment, ct)).ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = string.Join(' ', connector.Auth.Scopes ?? []),
            ["state"] = state,
        };
        if (codeChallenge is not null)
        {
            query["code_challenge"] = codeChallenge;
            query["code_challenge_method"] = "S256";
        }
        return settings.Url(env.AuthorizeUrl!) + "?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    public Task<TokenSet> ExchangeCodeAsync(ConnectorMetadata connector, string environment, string code, string redirectUri, string? codeVerifier, CancellationToken ct)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri };
        if (codeVerifier is not null) form["code_verifier"] = codeVerifier;
        return TokenRequestAsync(connector, environment, form, previousRefreshToken: null, ct);
    }

    public Task<TokenSet> RefreshAsync(ConnectorMetadata connector, string environment, string refreshToken, CancellationToken ct) =>
        TokenRequestAsync(connector, environment, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, refreshToken, ct);

    /// <summary>The client-credentials grant (RFC 6749 §4.4) with the tenant's own client id and secret, sent as HTTP Basic.</summary>
    public async Task<TokenSet> ClientCredentialsAsync(ConnectorMetadata connector, string environment, string clientId, string clientSecret, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url(connector.Environment(environment).TokenUrl!));
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (connector.Auth.Scopes is { Count: > 0 } scopes) form["scope"] = string.Join(' ', scopes);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(clientSecret)}")));
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return TokenResponse.Parse(json.RootElement, connector.Auth, previousRefreshToken: null, clock.GetUtcNow());
    }

    /// <summary>Revokes the refresh token (which ends the grant at QBO and Xero). Returns false when the provider has no revocation endpoint.</summary>
    public async Task<bool> RevokeAsync(ConnectorMetadata connector, string environment, string token, CancellationToken ct)
    {
        if (connector.Environment(environment).RevokeUrl is not { } revokeUrl) return false;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url(revokeUrl));
        var form = new Dictionary<string, string> { ["token"] = token, ["token_type_hint"] = "refresh_token" };
        await AuthenticateAsync(request, form, connector, environment, ct);
        request.Content = new FormUrlEncodedContent(form);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        return true;
    }

    private async Task<TokenSet> TokenRequestAsync(ConnectorMetadata connector, string environment, Dictionary<string, string> form, string? previousRefreshToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url(connector.Environment(environment).TokenUrl!));
        await AuthenticateAsync(request, form, connector, environment, ct);
        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw await ErrorAsync(response, ct);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return TokenResponse.Parse(json.RootElement, connector.Auth, previousRefreshToken, clock.GetUtcNow());
    }

    private async Task AuthenticateAsync(HttpRequestMessage request, Dictionary<string, string> form, ConnectorMetadata connector, string environment, CancellationToken ct)
    {
        var app = await settings.AppAsync(connector, environment, ct);
        if (connector.Auth.ClientAuth == ClientAuthMethod.Basic && app.ClientSecret is { Length: > 0 } secret)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(app.ClientId)}:{Uri.EscapeDataString(secret)}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            return;
        }
        form["client_id"] = app.ClientId;
        if (app.ClientSecret is { Length: > 0 } bodySecret) form["client_secret"] = bodySecret;
    }

    private static async Task<OAuthException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var error = "http_" + status;
        try
        {
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String) error = e.GetString()!;
        }
        catch (JsonException)
        {
            // Not JSON: the status alone classifies it.
        }
        var refused = error is "invalid_grant" or "invalid_client" or "unauthorized_client" or "access_denied";
        return new OAuthException(error, status, refused);
    }
}
