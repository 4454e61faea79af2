using System.Text.Json;
using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Core.OAuth;

public static class TokenResponse
{
    /// <summary>
    /// Reads an RFC 6749 token response. A provider that does not return a new refresh token keeps the old one valid;
    /// the refresh token's expiry comes from the response where the provider says it (QBO's x_refresh_token_expires_in),
    /// else from the connector's published lifetime, counted from now because the providers' windows are rolling.
    /// </summary>
    public static TokenSet Parse(JsonElement json, AuthMetadata auth, string? previousRefreshToken, DateTimeOffset now)
    {
        var access = json.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : throw new JsonException("access_token missing");
        var refresh = json.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : previousRefreshToken;
        var expiresIn = Seconds(json, "expires_in") ?? auth.AccessTokenLifetime?.TotalSeconds ?? 3600;
        var refreshIn = Seconds(json, "x_refresh_token_expires_in") ?? Seconds(json, "refresh_token_expires_in") ?? auth.RefreshTokenLifetime?.TotalSeconds;
        var scopes = json.TryGetProperty("scope", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [.. auth.Scopes ?? []];
        return new TokenSet(access, refresh, now.AddSeconds(expiresIn), refresh is null || refreshIn is null ? null : now.AddSeconds(refreshIn.Value), scopes, now);
    }

    private static double? Seconds(JsonElement json, string name) =>
        json.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble(),
            JsonValueKind.String when double.TryParse(v.GetString(), out var d) => d,
            _ => null,
        } : null;
}
