using Microsoft.AspNetCore.Components.Server.Circuits;

namespace IntegrationHub.Web.Api;

/// <summary>
/// Captures the session cookie while the circuit opens: that happens on the Blazor hub connection's request, whose
/// headers carry the browser's cookies. Later hub messages must not be relied on for HttpContext.
/// </summary>
internal sealed class CookieCaptureCircuitHandler(IHttpContextAccessor accessor, PortalApiCookie cookie) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        cookie.Capture(accessor.HttpContext);
        return Task.CompletedTask;
    }
}
