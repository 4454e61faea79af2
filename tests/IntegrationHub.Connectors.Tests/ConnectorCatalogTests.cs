using System.Text;
using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Connectors.Tests;

public class ConnectorCatalogTests
{
    private static ConnectorCatalog Catalog => IntegrationHub.Connectors.Connectors.Catalog;

    [Fact]
    public void Every_connector_folder_ships_valid_metadata()
    {
        Assert.Equal(["quickbooks", "xero"], Catalog.All.Select(c => c.Key).Order());
        Assert.All(Catalog.All, c =>
        {
            Assert.Contains("simulator", c.Environments.Keys);
            Assert.Contains("production", c.Environments.Keys);
            Assert.NotEmpty(c.RateLimits);
        });
    }

    [Fact]
    public void QuickBooks_metadata_carries_the_published_facts()
    {
        var qbo = Catalog.Find("QuickBooks")!;
        Assert.Equal(TimeSpan.FromHours(1), qbo.Auth.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(100), qbo.Auth.RefreshTokenLifetime);
        Assert.Equal(ClientAuthMethod.Basic, qbo.Auth.ClientAuth);
        Assert.Contains(qbo.RateLimits, r => r.Count == 500 && r.Window == TimeSpan.FromMinutes(1));
        Assert.Contains(qbo.RateLimits, r => r.Concurrent == 10);
        Assert.Equal("realmId", qbo.TenantKey!.Name);
        Assert.Equal("intuit-signature", qbo.Webhooks!.SignatureHeader);
        Assert.Equal("https://appcenter.intuit.com/connect/oauth2", qbo.Environment("production").AuthorizeUrl);
    }

    [Fact]
    public void Xero_metadata_carries_the_published_facts()
    {
        var xero = Catalog.Find("xero")!;
        Assert.Equal(TimeSpan.FromMinutes(30), xero.Auth.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(60), xero.Auth.RefreshTokenLifetime);
        Assert.True(xero.Auth.RotatesRefreshToken);
        Assert.Equal(TimeSpan.FromMinutes(30), xero.Auth.RefreshTokenReuseGrace);
        Assert.Contains(xero.RateLimits, r => r is { Scope: "tenant", Count: 60 } && r.Window == TimeSpan.FromMinutes(1));
        Assert.Contains(xero.RateLimits, r => r is { Scope: "tenant", Concurrent: 5 });
        Assert.Contains(xero.RateLimits, r => r is { Scope: "tenant", Count: 5000 } && r.Window == TimeSpan.FromDays(1));
        Assert.Contains(xero.RateLimits, r => r is { Scope: "app", Count: 10000 });
        Assert.Equal("xero-tenant-id", xero.TenantKey!.Header);
        Assert.True(xero.Webhooks!.Handshake);
    }

    [Fact]
    public void Unknown_environments_are_named_in_the_error()
    {
        var error = Assert.Throws<ArgumentException>(() => Catalog.Find("xero")!.Environment("sandbox"));
        Assert.Contains("production", error.Message);
    }

    [Theory]
    [InlineData("{\"key\":\"x\"}", "name")]
    [InlineData("{\"key\":\"x\",\"name\":\"X\",\"category\":\"crm\",\"description\":\"d\",\"tenantKey\":null,\"webhooks\":null,\"rateLimits\":[],\"auth\":{\"kind\":\"OAuth2AuthorizationCode\"},\"environments\":{\"production\":{\"apiBaseUrl\":\"https://x\"}},\"entities\":[{\"canonical\":\"Customer\",\"remote\":\"c\",\"directions\":[\"inbound\"]}]}", "authorizeUrl")]
    [InlineData("{\"key\":\"x\",\"name\":\"X\",\"auth\":{\"kind\":\"Telepathy\"}}", "invalid")]
    [InlineData("not json", "invalid")]
    public void Malformed_metadata_fails_loudly_with_the_reason(string json, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConnectorCatalog.Parse("test/connector.json", new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("test/connector.json", error.Message);
    }
}
