using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Identity;

/// <summary>
/// The portal session cookie is issued by the Web and honoured by the Api, so both must share the Data Protection
/// key ring (kept in PostgreSQL, so every instance of every service reads the same keys) and the cookie settings.
/// </summary>
public static class PortalSession
{
    /// <summary>The Identity application scheme name; it is part of the cookie's protection purpose, so it must match on both sides.</summary>
    public const string Scheme = "Identity.Application";

    public static IServiceCollection AddHubDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(HubClaims.ApplicationName).PersistKeysToDbContext<HubDbContext>();
        return services;
    }

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = HubClaims.CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = TimeSpan.FromHours(12);
        options.SlidingExpiration = true;
    }
}
