using System.Net;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

/// <summary>An Api wired to a simulator whose Xero allows only 3 calls a minute per organisation (its 429s are real).</summary>
public class ThrottledXeroApiFactory : ApiFactory
{
    public SimulatorHost Simulator { get; } = new SimulatorHost()
        .With("Simulators:RateLimits:Enabled", "true").With("Simulators:RateLimits:XeroPerMinute", "3").Start();

    protected virtual IEnumerable<(string Key, string Value)> HubRateLimits() => [];

    protected override IEnumerable<(string Key, string Value)> ExtraSettings() =>
        [("services:simulators:http:0", Simulator.Url), ("services:web:http:0", "http://portal.test"), .. HubRateLimits()];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}

/// <summary>The hub believes Xero allows 100 a minute and reads no remaining header, so only the simulator's 429 can stop it.</summary>
public sealed class OverconfidentXeroApiFactory : ThrottledXeroApiFactory
{
    protected override IEnumerable<(string Key, string Value)> HubRateLimits() =>
    [
        ("RateLimits:Providers:xero:Dimensions:0:Scope", "tenant"),
        ("RateLimits:Providers:xero:Dimensions:0:Count", "100"),
        ("RateLimits:Providers:xero:Dimensions:0:Window", "00:01:00"),
    ];
}

internal static class XeroCalls
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Connects Xero through the consent page and returns a tenant-scoped ConnectionHttp with the connection.</summary>
    public static async Task<(AsyncServiceScope Scope, ConnectionHttp Http, Connection Connection)> ConnectAsync(ApiFactory api)
    {
        var tenant = await api.CreateTenantAsync();
        var (id, _) = await ConnectionTestKit.ConnectAsync(api, tenant.Owner(), "xero");
        var scope = api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant.Id);
        var connection = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Connections.SingleAsync(c => c.Id == id, Ct);
        return (scope, scope.ServiceProvider.GetRequiredService<ConnectionHttp>(), connection);
    }

    public static Task<HttpResponseMessage> GetAccountsAsync(ConnectionHttp http, Connection connection, CancellationToken ct) =>
        http.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, http.ApiUrl(connection, "Accounts")), ct);
}

public class ProviderRateLimitTests(OverconfidentXeroApiFactory api) : IClassFixture<OverconfidentXeroApiFactory>
{
    [Fact]
    public async Task A_xero_429_reaches_the_connector_as_rate_limited_and_holds_every_later_call_back()
    {
        var (scope, http, connection) = await XeroCalls.ConnectAsync(api);
        await using var _ = scope;
        HttpResponseMessage? throttled = null;
        for (var i = 0; i < 5 && throttled is null; i++)
        {
            var response = await XeroCalls.GetAccountsAsync(http, connection, XeroCalls.Ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) throttled = response;
            else Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(throttled);
        var ex = Assert.Throws<ConnectorException>(() => ProviderResponses.ThrowIfRateLimited(throttled));
        Assert.Equal(ErrorClass.RateLimited, ex.Class);
        Assert.Equal("minute", ex.ProviderCode);
        Assert.InRange(ex.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        // The budget is blocked until Retry-After: the next call waits in the hub instead of earning another 429.
        var sent = (await api.Simulator.RequestsAsync("GET", "/xero/api.xro/2.0/Accounts")).Length;
        using var waits = RateLimitWaitScope.Begin();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(XeroCalls.Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => XeroCalls.GetAccountsAsync(http, connection, cancel.Token));
        Assert.Equal(sent, (await api.Simulator.RequestsAsync("GET", "/xero/api.xro/2.0/Accounts")).Length);
        Assert.True(waits.Waited >= TimeSpan.FromMilliseconds(900), $"waited {waits.Waited}");
    }
}

public class ProviderRemainingHeaderTests(ThrottledXeroApiFactory api) : IClassFixture<ThrottledXeroApiFactory>
{
    [Fact]
    public async Task When_xero_reports_its_minute_used_up_the_hub_waits_instead_of_earning_a_429()
    {
        // The hub's budget says 60 a minute; the simulator's organisation allows 3 and says so in X-MinLimit-Remaining.
        var (scope, http, connection) = await XeroCalls.ConnectAsync(api);
        await using var _ = scope;
        var succeeded = 0;
        var held = false;
        for (var i = 0; i < 5 && !held; i++)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(XeroCalls.Ct);
            cancel.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                using var response = await XeroCalls.GetAccountsAsync(http, connection, cancel.Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                succeeded++;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                held = true;
            }
        }
        Assert.True(held, "the hub never held a call back");
        Assert.InRange(succeeded, 1, 3);
        Assert.DoesNotContain(await api.Simulator.RequestsAsync("GET", "/xero/api.xro/2.0/"), r => r.GetProperty("status").GetInt32() == 429);
    }
}
