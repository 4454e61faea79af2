using System.Security.Cryptography;
using System.Text;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.OAuth;

/// <summary>Client authentication at the token endpoint: HTTP Basic (both vendors) or form fields.</summary>
public static class ClientAuthentication
{
    /// <summary>The authenticated app. Public clients (no secret) may omit the secret when they use PKCE.</summary>
    public static AppRegistration Authenticate(HttpRequest request, IFormCollection form, AppRegistry apps, Vendor vendor, bool allowPublic)
    {
        var (id, secret) = ReadBasic(request) ?? (form["client_id"].ToString(), form["client_secret"].ToString());
        var app = apps.Find(vendor, id) ?? throw new OAuthException("invalid_client", 401);
        if (string.IsNullOrEmpty(secret) && allowPublic && !string.IsNullOrEmpty(form["code_verifier"])) return app;
        if (string.IsNullOrEmpty(app.ClientSecret) && allowPublic) return app;
        if (!FixedEquals(secret, app.ClientSecret)) throw new OAuthException("invalid_client", 401);
        return app;
    }

    public static (string Id, string Secret)? ReadBasic(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
