using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IntegrationHub.Web.Api;

public static class HubApiRegistration
{
    private const string ClientName = "hub-api";

    /// <summary>"http://api" resolves through service discovery (services:api:http:0, the Aspire convention).</summary>
    private static readonly Uri BaseAddress = new("http://api/api/v1/");

    public static IServiceCollection AddHubApiClient(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<PortalApiCookie>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CookieCaptureCircuitHandler>());

        services.AddHttpClient(ClientName)
            // The pooled handler is shared by every user: a cookie container would replay one user's Set-Cookie for another.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false })
            .RedactLoggedHeaders(_ => true);

        // The cookie lives in the circuit's scope, but factory handlers live in their own scope; so the cookie handler
        // wraps the pooled pipeline here, in the circuit's scope, instead of being registered on the factory.
        services.AddScoped(sp =>
        {
            var pipeline = sp.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(ClientName);
            var handler = new PortalApiHandler(sp.GetRequiredService<PortalApiCookie>()) { InnerHandler = pipeline };
            return new HubApiClient(new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseAddress });
        });
        return services;
    }
}
