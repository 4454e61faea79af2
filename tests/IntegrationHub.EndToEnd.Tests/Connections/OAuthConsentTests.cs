using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.ApiKeys;
using IntegrationHub.EndToEnd.Tests.Portal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IntegrationHub.EndToEnd.Tests.Connections;

/// <summary>
/// Connecting QuickBooks Online and Xero through the real redirect flow, as a tenant admin does it: the Api starts
/// the flow, Chromium shows the simulator's consent page, the admin presses "Allow access", the provider redirects
/// to the hub's callback, and the hub returns the browser to the portal with the outcome.
/// </summary>
[Collection("stack")]
public sealed class OAuthConsentTests(StackFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task QuickBooks_connects_through_the_consent_page_in_chromium()
    {
        using var api = await AdminApiAsync();
        var id = await CreateConnectionAsync(api, "quickbooks");
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);

        await page.GotoAsync(await StartAsync(api, id));
        await Expect(page.GetByRole(AriaRole.Heading)).ToContainTextAsync("QuickBooks Online");
        await page.Locator("#consent-allow").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"^{stack.WebUrl}.*result=connected"));
        var connection = await api.GetFromJsonAsync<JsonElement>($"api/v1/connections/{id}", Ct);
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(connection.GetProperty("externalTenantId").GetString()));
        var tested = await (await api.PostAsync($"api/v1/connections/{id}/test", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(tested.GetProperty("lastTestSucceeded").GetBoolean(), tested.GetProperty("lastTestMessage").GetString());

        // The demo company is shared by every test of the stack: one live connection per company and tenant.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.PostAsync($"api/v1/connections/{id}/disconnect", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task Xero_granting_two_organisations_asks_which_one_and_denial_stores_nothing()
    {
        using var api = await AdminApiAsync();
        var id = await CreateConnectionAsync(api, "xero");
        await using var browser = await PortalBrowser.LaunchAsync(stack.WebUrl);
        var page = await browser.NewPageAsync();
        await PortalBrowser.SignInToHomeAsync(page, stack.DemoOwnerEmail, stack.DemoPassword);

        // First the admin changes their mind: nothing is stored and the portal says so.
        await page.GotoAsync(await StartAsync(api, id));
        await page.Locator("#consent-deny").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("result=error.*access_denied"));
        Assert.Equal("pending", (await api.GetFromJsonAsync<JsonElement>($"api/v1/connections/{id}", Ct)).GetProperty("status").GetString());

        // Then grants both demo organisations (Xero's page ticks them all), and picks one.
        await page.GotoAsync(await StartAsync(api, id));
        await Expect(page.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(2);
        await page.Locator("#consent-allow").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("result=choose_organisation"));

        var organisations = await api.GetFromJsonAsync<JsonElement>($"api/v1/connections/{id}/organisations", Ct);
        var chosen = await (await api.PostAsJsonAsync($"api/v1/connections/{id}/organisation",
            new { externalTenantId = organisations[0].GetProperty("id").GetString() }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("active", chosen.GetProperty("status").GetString());
    }

    /// <summary>An admin-scoped key for the seeded demo tenant, created directly in the stack's database.</summary>
    private async Task<HttpClient> AdminApiAsync()
    {
        await using var db = stack.Database.CreateContext();
        var tenantId = await db.Tenants.Where(t => t.Slug == "demo-rentals").Select(t => t.Id).SingleAsync(Ct);
        var (key, prefix, hash) = ApiKeyFormat.Generate();
        db.ApiKeys.Add(new ApiKey { TenantId = tenantId, Name = "e2e oauth", Prefix = prefix, SecretHash = hash, Scopes = [ApiScopes.Admin] });
        await db.SaveChangesAsync(Ct);
        var client = new HttpClient { BaseAddress = stack.ApiUrl };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task<Guid> CreateConnectionAsync(HttpClient api, string provider)
    {
        var response = await api.PostAsJsonAsync("api/v1/connections", new { provider, displayName = $"{provider} {Guid.NewGuid():N}"[..20] }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private async Task<string> StartAsync(HttpClient api, Guid id)
    {
        var started = await api.PostAsJsonAsync($"api/v1/connections/{id}/oauth/start", new { returnUrl = stack.WebUrl.ToString() }, Ct);
        started.EnsureSuccessStatusCode();
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("authorizeUrl").GetString()!;
    }
}
