namespace IntegrationHub.Web.Api;

/// <summary>
/// Sends each Api request as the circuit's user: their session cookie, plus the X-Hub-Portal header the Api demands
/// on cookie-authenticated writes (a cross-site form cannot set a custom header, so this defeats CSRF).
/// </summary>
internal sealed class PortalApiHandler(PortalApiCookie cookie) : DelegatingHandler
{
    public const string PortalHeader = "X-Hub-Portal";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("Cookie");
        if (cookie.Header is { } header) request.Headers.TryAddWithoutValidation("Cookie", header);
        request.Headers.Remove(PortalHeader);
        request.Headers.Add(PortalHeader, "1");
        return base.SendAsync(request, cancellationToken);
    }
}
