using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class XeroOAuthTests
{
    private const string Scope = "openid offline_access accounting.transactions accounting.contacts";

    private static async Task<(string Access, string Refresh)> Connect(SimulatorApp app, IEnumerable<string>? tenants = null, string scope = Scope)
    {
        var client = app.Client();
        var redirect = await QboOAuthTests.Consent(client, "/xero/identity/connect/authorize", "xero-dev-client", scope, tenants: tenants);
        var response = await QboOAuthTests.Token(client, "/xero/connect/token", "xero-dev-client", "xero-dev-secret",
            ("grant_type", "authorization_code"), ("code", redirect["code"]), ("redirect_uri", "http://localhost/callback"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Body();
        Assert.Equal(1800, body["expires_in"]!.GetValue<long>());
        return (body["access_token"]!.GetValue<string>(), body["refresh_token"]?.GetValue<string>() ?? "");
    }

    private static HttpRequestMessage Get(string path, string token, string? tenant = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (tenant is not null) request.Headers.Add("xero-tenant-id", tenant);
        return request;
    }

    [Fact]
    public async Task Connections_list_exactly_the_organisations_ticked_on_the_consent_page()
    {
        await using var app = new SimulatorApp();
        var (both, _) = await Connect(app);
        var all = (await (await app.Client().SendAsync(Get("/xero/connections", both))).Body()).AsArray();
        Assert.Equal(2, all.Count);
        Assert.All(all, c => Assert.Equal("ORGANISATION", c!["tenantType"]!.GetValue<string>()));

        var (one, _) = await Connect(app, [SimulatorApp.XeroAu]);
        var single = (await (await app.Client().SendAsync(Get("/xero/connections", one))).Body()).AsArray();
        Assert.Equal(SimulatorApp.XeroAu, Assert.Single(single)!["tenantId"]!.GetValue<string>());
        var forbidden = await app.Client().SendAsync(Get("/xero/api.xro/2.0/Contacts", one, SimulatorApp.XeroNz));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Tenant_header_is_required_and_expired_tokens_get_401()
    {
        await using var app = new SimulatorApp();
        var (access, _) = await Connect(app);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client().SendAsync(Get("/xero/api.xro/2.0/Contacts", access))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Client().SendAsync(Get("/xero/api.xro/2.0/Contacts", access, Guid.NewGuid().ToString()))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().SendAsync(Get("/xero/api.xro/2.0/Contacts", access, SimulatorApp.XeroNz))).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(31));
        var expired = await app.Client().SendAsync(Get("/xero/api.xro/2.0/Contacts", access, SimulatorApp.XeroNz));
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal(401, (await expired.Body())["Status"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refresh_rotates_and_the_old_token_has_a_30_minute_grace()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        var (_, original) = await Connect(app);
        async Task<HttpResponseMessage> Refresh(string token) => await QboOAuthTests.Token(client, "/xero/connect/token", "xero-dev-client", "xero-dev-secret",
            ("grant_type", "refresh_token"), ("refresh_token", token));
        var first = await Refresh(original);
        var rotated = (await first.Body())["refresh_token"]!.GetValue<string>();
        Assert.NotEqual(original, rotated);
        app.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await Refresh(original)).StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(25));
        var late = await Refresh(original);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal("invalid_grant", (await late.Body())["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Refresh(rotated)).StatusCode);
    }

    [Fact]
    public async Task Unused_refresh_tokens_expire_after_60_days_and_offline_access_is_needed_for_one()
    {
        await using var app = new SimulatorApp();
        var (_, refresh) = await Connect(app);
        var (_, none) = await Connect(app, scope: "accounting.transactions");
        Assert.Equal("", none);
        app.Time.Advance(TimeSpan.FromDays(61));
        var response = await QboOAuthTests.Token(app.Client(), "/xero/connect/token", "xero-dev-client", "xero-dev-secret",
            ("grant_type", "refresh_token"), ("refresh_token", refresh));
        Assert.Equal("invalid_grant", (await response.Body())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revocation_ends_the_grant()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        var (access, refresh) = await Connect(app);
        var revoke = new HttpRequestMessage(HttpMethod.Post, "/xero/connect/revocation") { Content = new FormUrlEncodedContent([new("token", refresh)]) };
        revoke.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("xero-dev-client:xero-dev-secret")));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(revoke)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Get("/xero/connections", access))).StatusCode);
    }

    [Fact]
    public async Task Public_client_may_redeem_with_pkce_and_no_secret()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        const string verifier = "a-very-long-verifier-string-with-enough-entropy-0123456789";
        var challenge = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var redirect = await QboOAuthTests.Consent(client, "/xero/identity/connect/authorize", "xero-dev-client", Scope, challenge);
        var response = await client.PostAsync("/xero/connect/token", new FormUrlEncodedContent(
        [
            new("grant_type", "authorization_code"), new("code", redirect["code"]), new("client_id", "xero-dev-client"),
            new("code_verifier", verifier), new("redirect_uri", "http://localhost/callback"),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
