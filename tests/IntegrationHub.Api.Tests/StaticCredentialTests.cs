using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Connectors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Api.Tests;

/// <summary>A provider that takes an API key, basic auth or client credentials, and connectors describing it three ways.</summary>
public sealed class StaticAuthApiFactory : ApiFactory
{
    private readonly WebApplication _provider = BuildProvider();
    public string ProviderUrl { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await _provider.StartAsync();
        ProviderUrl = _provider.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new ConnectorCatalog(
        [
            Connector("keyed", new AuthMetadata(AuthKind.ApiKey, ApiKeyHeader: "X-Api-Key")),
            Connector("basic", new AuthMetadata(AuthKind.Basic)),
            Connector("machine", new AuthMetadata(AuthKind.OAuth2ClientCredentials, AccessTokenLifetime: TimeSpan.FromHours(1), RefreshMargin: TimeSpan.FromMinutes(1))),
        ])));
    }

    private ConnectorMetadata Connector(string key, AuthMetadata auth) => new(key, key, "test", "test provider", auth, null,
        new Dictionary<string, EnvironmentMetadata> { ["production"] = new(TokenUrl: ProviderUrl + "/oauth/token", ApiBaseUrl: ProviderUrl + "/api/") },
        [], null, [new EntityMetadata("Customer", "customers", ["inbound"])], HealthCheckPath: "ping");

    private static WebApplication BuildProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var basicOk = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:pw-1"));
        var clientOk = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("cid:csecret"));
        app.MapGet("/api/ping", (HttpRequest r) =>
            r.Headers["X-Api-Key"] == "key-123" || r.Headers.Authorization == basicOk || r.Headers.Authorization == "Bearer cc-token"
                ? Results.Ok(new { ok = true }) : Results.StatusCode(401));
        app.MapPost("/oauth/token", async (HttpRequest r) =>
            r.Headers.Authorization == clientOk && (await r.ReadFormAsync())["grant_type"] == "client_credentials"
                ? Results.Json(new { access_token = "cc-token", token_type = "bearer", expires_in = 3600 })
                : Results.Json(new { error = "invalid_client" }, statusCode: 401));
        return app;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _provider.DisposeAsync();
    }
}

public class StaticCredentialTests(StaticAuthApiFactory api) : IClassFixture<StaticAuthApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(Guid Id, HttpResponseMessage Response)> ConnectAsync(HttpClient admin, string provider, object credential)
    {
        var created = await (await admin.PostAsJsonAsync("/api/v1/connections", new { provider, environment = "production" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetGuid();
        return (id, await admin.PutAsJsonAsync($"/api/v1/connections/{id}/credentials", credential, Ct));
    }

    [Theory]
    [InlineData("keyed", "{\"apiKey\":\"key-123\"}")]
    [InlineData("basic", "{\"username\":\"ann\",\"password\":\"pw-1\"}")]
    [InlineData("machine", "{\"clientId\":\"cid\",\"clientSecret\":\"csecret\"}")]
    public async Task Each_kind_connects_with_the_right_credential(string provider, string credential)
    {
        var tenant = await api.CreateTenantAsync();
        var (_, response) = await ConnectAsync(tenant.Owner(), provider, JsonDocument.Parse(credential).RootElement);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connection = JsonDocument.Parse(body).RootElement;
        Assert.Equal("active", connection.GetProperty("status").GetString());
        Assert.True(connection.GetProperty("lastTestSucceeded").GetBoolean());
        foreach (var secret in new[] { "key-123", "pw-1", "csecret", "cc-token" }) Assert.DoesNotContain(secret, body);
    }

    [Theory]
    [InlineData("keyed", "{\"apiKey\":\"wrong\"}", "401")]
    [InlineData("machine", "{\"clientId\":\"cid\",\"clientSecret\":\"wrong\"}", "invalid_client")]
    public async Task A_wrong_credential_leaves_the_connection_in_error_with_the_reason(string provider, string credential, string reason)
    {
        var tenant = await api.CreateTenantAsync();
        var (_, response) = await ConnectAsync(tenant.Owner(), provider, JsonDocument.Parse(credential).RootElement);
        var connection = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("error", connection.GetProperty("status").GetString());
        Assert.Contains(reason, connection.GetProperty("statusReason").GetString());
    }

    [Fact]
    public async Task Missing_fields_are_named_for_the_kind()
    {
        var tenant = await api.CreateTenantAsync();
        var (_, response) = await ConnectAsync(tenant.Owner(), "basic", new { username = "ann" });
        var problem = await HttpAssert.ProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }
}
