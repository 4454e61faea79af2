namespace IntegrationHub.Api.Infrastructure;

/// <summary>Only the portal's own origin may be a post-consent return address (no open redirect through the callback).</summary>
public static class ReturnUrls
{
    public static bool IsAllowed(string returnUrl, IConfiguration configuration) =>
        Uri.TryCreate(returnUrl, UriKind.Absolute, out var target)
        && configuration["services:web:http:0"] is { } web && Uri.TryCreate(web, UriKind.Absolute, out var portal)
        && Uri.Compare(target, portal, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
