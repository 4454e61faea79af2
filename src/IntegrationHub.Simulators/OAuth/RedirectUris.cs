using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.OAuth;

/// <summary>Redirect URI matching: exact, or a registered value ending in <c>*</c> matches by prefix (handy for loopback dev ports).</summary>
public static class RedirectUris
{
    public static bool Allowed(AppRegistration app, string? redirectUri) =>
        !string.IsNullOrEmpty(redirectUri) && app.RedirectUris.Any(r => r.EndsWith('*')
            ? redirectUri.StartsWith(r[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(r, redirectUri, StringComparison.Ordinal));
}
