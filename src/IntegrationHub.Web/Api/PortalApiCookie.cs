using IntegrationHub.Core.Identity;

namespace IntegrationHub.Web.Api;

/// <summary>
/// The browser's portal session cookie for this circuit, so Api calls act as the signed-in user. An interactive
/// circuit has no HttpContext after it starts, so the cookie is captured once, when the circuit opens
/// (<see cref="CookieCaptureCircuitHandler"/>). Its value is a bearer credential: never log or render it.
/// </summary>
public sealed class PortalApiCookie(IHttpContextAccessor accessor)
{
    private string? _header;

    /// <summary>The "name=value" pairs of the session cookie (several when ASP.NET Core chunked a large ticket).</summary>
    public string? Header => _header ??= Extract(accessor.HttpContext);

    public void Capture(HttpContext? context) => _header = Extract(context) ?? _header;

    private static string? Extract(HttpContext? context)
    {
        if (context is null) return null;
        // Copied from the raw header rather than re-encoded from Request.Cookies, so the ticket reaches the Api byte for byte.
        var parts = context.Request.Headers.Cookie
            .SelectMany(h => (h ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(IsSessionCookie)
            .ToList();
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static bool IsSessionCookie(string pair)
    {
        var name = pair.Split('=', 2)[0];
        return name == HubClaims.CookieName
            || (name.StartsWith(HubClaims.CookieName + "C", StringComparison.Ordinal) && int.TryParse(name.AsSpan(HubClaims.CookieName.Length + 1), out _));
    }
}
