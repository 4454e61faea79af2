using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace IntegrationHub.Web;

public static class PortalServices
{
    public static WebApplicationBuilder AddPortalServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDbContext<HubDbContext>(o => o.UseHubDatabase(builder.Configuration.RequireConnectionString("hubdb")));
        services.AddHubDataProtection();
        services.AddHubIdentityCore().AddSignInManager();
        services.AddAuthentication(PortalSession.Scheme).AddCookie(PortalSession.Scheme, o =>
        {
            PortalSession.Configure(o);
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/";
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddHealthChecks().AddHubInfrastructureChecks(redis: false);

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<PortalSignIn>();
        services.AddHubApiClient();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        return builder;
    }
}
