using System.Text.RegularExpressions;
using IntegrationHub.Core.Connections;
using IntegrationHub.Core.Persistence;
using IntegrationHub.Core.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Api.Tests;

/// <summary>
/// Captures every log line of an OAuth round trip, a test call, a forced refresh and a disconnect, and every API
/// response on the way, and asserts that no token, code, verifier or client secret appears in any of them.
/// </summary>
public class SecretLeakTests(ConnectedApiFactory api) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("quickbooks", "qbo-dev-secret")]
    [InlineData("xero", "xero-dev-secret")]
    public async Task No_secret_reaches_logs_or_responses(string provider, string clientSecret)
    {
        var tenant = await api.CreateTenantAsync();
        var owner = tenant.Owner();
        var responses = new List<string>();
        var id = await ConnectionTestKit.CreateAsync(owner, provider);
        var redirect = await ConsentDriver.ConsentAsync(await ConnectionTestKit.StartAsync(owner, id));
        var code = Regex.Match(redirect, "[?&]code=([^&]+)").Groups[1].Value;
        responses.Add(await (await api.CreateClient().GetAsync(new Uri(redirect).PathAndQuery, Ct)).Content.ReadAsStringAsync(Ct));

        var secrets = new List<string> { Uri.UnescapeDataString(code), clientSecret };
        secrets.AddRange(await TokensAsync(tenant.Id, id));
        responses.Add(await (await owner.PostAsync($"/api/v1/connections/{id}/test", null, Ct)).Content.ReadAsStringAsync(Ct));
        responses.Add(await (await owner.PostAsync($"/api/v1/connections/{id}/token/refresh", null, Ct)).Content.ReadAsStringAsync(Ct));
        secrets.AddRange(await TokensAsync(tenant.Id, id));
        responses.Add(await owner.GetStringAsync($"/api/v1/connections/{id}", Ct));
        responses.Add(await owner.GetStringAsync($"/api/v1/connections/{id}/token", Ct));
        responses.Add(await owner.GetStringAsync("/api/v1/connections", Ct));
        responses.Add(await owner.GetStringAsync("/api/v1/audit?pageSize=200", Ct));
        secrets.AddRange(await VerifiersAsync(id));
        responses.Add(await (await owner.PostAsync($"/api/v1/connections/{id}/disconnect", null, Ct)).Content.ReadAsStringAsync(Ct));

        var logs = api.Logs.All;
        Assert.Contains("Refreshed access token", logs); // the capture works
        foreach (var secret in secrets.Where(s => s.Length >= 8).Distinct())
        {
            Assert.DoesNotContain(secret, logs);
            Assert.All(responses, r => Assert.DoesNotContain(secret, r));
        }
    }

    private async Task<string[]> TokensAsync(Guid tenantId, Guid connectionId)
    {
        await using var scope = api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenantId);
        var connection = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Connections.SingleAsync(c => c.Id == connectionId, Ct);
        var tokens = (await scope.ServiceProvider.GetRequiredService<ConnectionCredentials>().LoadAsync(connection, Ct))!;
        return [tokens.AccessToken, tokens.RefreshToken!];
    }

    private async Task<string[]> VerifiersAsync(Guid connectionId)
    {
        var protector = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.CreateProtector(
            api.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(), "IntegrationHub.OAuth.PkceVerifier");
        await using var db = api.Database.CreateContext();
        var protectedVerifiers = await db.OAuthStates.IgnoreQueryFilters().Where(s => s.ConnectionId == connectionId && s.ProtectedCodeVerifier != null)
            .Select(s => s.ProtectedCodeVerifier!).ToListAsync(Ct);
        return [.. protectedVerifiers.Select(p => Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(protector, p))];
    }
}
