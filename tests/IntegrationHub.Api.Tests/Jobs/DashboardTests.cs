using System.Net;

namespace IntegrationHub.Api.Tests.Jobs;

/// <summary>The Hangfire dashboard at /operator/jobs is for operators signed in to the portal; everyone else gets 401 or 403.</summary>
public class DashboardTests(JobsApiFactory factory) : IClassFixture<JobsApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_operators_see_the_job_dashboard()
    {
        var tenant = await factory.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/operator/jobs", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Owner().GetAsync("/operator/jobs", Ct)).StatusCode);
        var viaKey = await tenant.Admin().GetAsync("/operator/jobs", Ct);
        Assert.True(viaKey.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"API key got {viaKey.StatusCode}");
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Owner().GetAsync("/operator/jobs/jobs/failed", Ct)).StatusCode);

        var op = await factory.CreateUserAsync("op", isOperator: true);
        var operatorClient = factory.ClientWithSession(op.Id, op.Email!, tenantId: null);
        var page = await operatorClient.GetAsync("/operator/jobs", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("IntegrationHub jobs", await page.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync("/operator/jobs/jobs/failed", Ct)).StatusCode);
    }
}
