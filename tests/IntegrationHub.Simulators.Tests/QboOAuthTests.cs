using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Simulators.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Simulators.Tests;

public class QboOAuthTests
{
    private const string Redirect = "http://localhost/callback";

    internal static async Task<Dictionary<string, string>> Consent(HttpClient client, string authorizePath, string clientId, string scope,
        string? challenge = null, string decision = "allow", IEnumerable<string>? tenants = null)
    {
        var url = $"{authorizePath}?client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&response_type=code&scope={Uri.EscapeDataString(scope)}&state=xyz";
        if (challenge is not null) url += $"&code_challenge={challenge}&code_challenge_method=S256";
        var page = await client.GetStringAsync(url);
        Assert.Contains("id=\"consent-allow\"", page);
        Assert.Contains("id=\"consent-deny\"", page);
        var action = Regex.Match(page, "action=\"([^\"]+)\"").Groups[1].Value;
        var fields = Regex.Matches(page, "<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        var checkedTenants = tenants ?? Regex.Matches(page, "name=\"tenant\" id=\"tenant-\\d+\" value=\"([^\"]+)\" checked").Select(m => m.Groups[1].Value);
        fields.AddRange(checkedTenants.Select(t => new KeyValuePair<string, string>("tenant", t)));
        fields.Add(new("decision", decision));
        var response = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(Redirect, location);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    internal static async Task<HttpResponseMessage> Token(HttpClient client, string path, string clientId, string secret, params (string, string)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Call(HttpClient client, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/qbo/v3/company/{SimulatorApp.Realm}/customer/1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task Consent_page_redirects_with_code_state_and_realm_and_the_code_works_once()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        var redirect = await Consent(client, "/qbo/connect/oauth2", "qbo-dev-client", "com.intuit.quickbooks.accounting");
        Assert.Equal("xyz", redirect["state"]);
        Assert.Equal(SimulatorApp.Realm, redirect["realmId"]);

        var response = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret",
            ("grant_type", "authorization_code"), ("code", redirect["code"]), ("redirect_uri", Redirect));
        var tokens = (JsonObject)await response.Body();
        Assert.Equal(3600, tokens["expires_in"]!.GetValue<long>());
        Assert.Equal(100 * 86400, tokens["x_refresh_token_expires_in"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await Call(client, tokens["access_token"]!.GetValue<string>())).StatusCode);

        var reused = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret",
            ("grant_type", "authorization_code"), ("code", redirect["code"]), ("redirect_uri", Redirect));
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_grant", (await reused.Body())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_secret_is_invalid_client_and_unknown_code_is_invalid_grant()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        var bad = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "nope", ("grant_type", "authorization_code"), ("code", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("invalid_client", (await bad.Body())["error"]!.GetValue<string>());
        var unknown = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret", ("grant_type", "authorization_code"), ("code", "unknown"));
        Assert.Equal("invalid_grant", (await unknown.Body())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deny_redirects_with_access_denied()
    {
        await using var app = new SimulatorApp();
        var redirect = await Consent(app.Client(), "/qbo/connect/oauth2", "qbo-dev-client", "com.intuit.quickbooks.accounting", decision: "deny");
        Assert.Equal("access_denied", redirect["error"]);
        Assert.Equal("xyz", redirect["state"]);
    }

    [Fact]
    public async Task Pkce_s256_is_enforced()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        const string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var first = await Consent(client, "/qbo/connect/oauth2", "qbo-dev-client", "com.intuit.quickbooks.accounting", challenge);
        var wrong = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret",
            ("grant_type", "authorization_code"), ("code", first["code"]), ("code_verifier", "wrong-verifier"));
        Assert.Equal("invalid_grant", (await wrong.Body())["error"]!.GetValue<string>());
        var second = await Consent(client, "/qbo/connect/oauth2", "qbo-dev-client", "com.intuit.quickbooks.accounting", challenge);
        var right = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret",
            ("grant_type", "authorization_code"), ("code", second["code"]), ("code_verifier", verifier));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Access_token_expires_after_an_hour_and_refresh_rolls_on()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        var tokens = await app.IssueTokens("qbo", SimulatorApp.Realm);
        app.Time.Advance(TimeSpan.FromMinutes(61));
        var expired = await Call(client, tokens["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("3200", (await expired.Body())["Fault"]!["Error"]![0]!["code"]!.GetValue<string>());

        var refresh = tokens["refresh_token"]!.GetValue<string>();
        // Rolling: used every 90 days, the refresh token outlives its nominal 100 days.
        for (var i = 0; i < 3; i++)
        {
            app.Time.Advance(TimeSpan.FromDays(90));
            var refreshed = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret", ("grant_type", "refresh_token"), ("refresh_token", refresh));
            Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
            var body = await refreshed.Body();
            refresh = body["refresh_token"]!.GetValue<string>();
            Assert.Equal(HttpStatusCode.OK, (await Call(client, body["access_token"]!.GetValue<string>())).StatusCode);
        }
        app.Time.Advance(TimeSpan.FromDays(101));
        var stale = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret", ("grant_type", "refresh_token"), ("refresh_token", refresh));
        Assert.Equal("invalid_grant", (await stale.Body())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoke_ends_access_and_refresh()
    {
        await using var app = new SimulatorApp();
        var client = app.Client();
        var tokens = await app.IssueTokens("qbo", SimulatorApp.Realm);
        var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/oauth2/v1/tokens/revoke")
        {
            Content = new StringContent($"{{\"token\":\"{tokens["refresh_token"]}\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("qbo-dev-client:qbo-dev-secret")));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(client, tokens["access_token"]!.GetValue<string>())).StatusCode);
        var refreshed = await Token(client, "/qbo/oauth2/v1/tokens/bearer", "qbo-dev-client", "qbo-dev-secret",
            ("grant_type", "refresh_token"), ("refresh_token", tokens["refresh_token"]!.GetValue<string>()));
        Assert.Equal("invalid_grant", (await refreshed.Body())["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lifetimes_are_configurable()
    {
        await using var app = new SimulatorApp().With("Simulators:Qbo:AccessTokenLifetime", "00:00:05");
        var tokens = await app.IssueTokens("qbo", SimulatorApp.Realm);
        Assert.Equal(5, tokens["expires_in"]!.GetValue<long>());
        app.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Call(app.Client(), tokens["access_token"]!.GetValue<string>())).StatusCode);
    }
}
