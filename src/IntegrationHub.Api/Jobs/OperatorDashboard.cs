using Hangfire;
using Hangfire.Dashboard;
using IntegrationHub.Api.Auth;
using IntegrationHub.Core.Identity;

namespace IntegrationHub.Api.Jobs;

/// <summary>Hangfire's dashboard at /operator/jobs, for platform operators signed in to the portal only.</summary>
public static class OperatorDashboard
{
    public const string Path = "/operator/jobs";

    public static WebApplication MapOperatorJobDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            DashboardTitle = "IntegrationHub jobs",
            AppPath = null,
            DisplayStorageConnectionString = false,
            Authorization = [],
            AsyncAuthorization = [new OperatorOnly()],
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>Hangfire answers 401 to anonymous callers and 403 to signed-in non-operators. API keys never carry the operator role.</summary>
    private sealed class OperatorOnly : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return Task.FromResult(user.Identity is { IsAuthenticated: true, AuthenticationType: PortalSession.Scheme } && user.IsOperator());
        }
    }
}
