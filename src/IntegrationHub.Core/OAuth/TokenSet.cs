using System.Text.Json.Serialization;

namespace IntegrationHub.Core.OAuth;

/// <summary>
/// What the secret store keeps for an OAuth connection. ToString hides the tokens, so logging or interpolating a
/// token set by mistake cannot leak it.
/// </summary>
public sealed record TokenSet(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("access_expires_at")] DateTimeOffset AccessTokenExpiresAt,
    [property: JsonPropertyName("refresh_expires_at")] DateTimeOffset? RefreshTokenExpiresAt,
    [property: JsonPropertyName("scope")] string[] Scopes,
    [property: JsonPropertyName("obtained_at")] DateTimeOffset ObtainedAt)
{
    public bool NeedsRefresh(DateTimeOffset now, TimeSpan margin) => AccessTokenExpiresAt - margin <= now;

    public override string ToString() => $"TokenSet {{ AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, Scopes = {string.Join(' ', Scopes)} }}";
}
