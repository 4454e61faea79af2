using IntegrationHub.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Identity;

public static class IdentityRegistration
{
    /// <summary>Identity stores and password rules shared by the Api, the portal and the migrator's seeding.</summary>
    public static IdentityBuilder AddHubIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<HubUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.MaxFailedAccessAttempts = 10;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<HubRole>()
            .AddEntityFrameworkStores<HubDbContext>();
}
