using IntegrationHub.Web.Api;
using IntegrationHub.Web.Components.Shared;

namespace IntegrationHub.Web.Tests;

public sealed class ConnectionStyleTests
{
    private static CatalogEntry Entry(string key, string name, string category) => new(key, name, category, "", "OAuth2AuthorizationCode", ["simulator"], null, []);

    [Fact]
    public void Catalog_groups_follow_the_product_order_and_only_groups_with_connectors_appear()
    {
        var groups = ConnectionStyle.Group([
            Entry("hubspot", "HubSpot", "crm"), Entry("xero", "Xero", "accounting"), Entry("quickbooks", "QuickBooks Online", "accounting"),
            Entry("shopify", "Shopify", "e-commerce"), Entry("acme", "Acme", "telepathy"),
        ]);

        Assert.Equal(["Accounting", "CRM", "E-commerce", "Telepathy"], groups.Select(g => g.Title));
        Assert.Equal(["QuickBooks Online", "Xero"], groups[0].Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData("QuickBooks Online", "QO")]
    [InlineData("Xero", "XE")]
    [InlineData("Microsoft Dynamics 365 Business Central", "MD")]
    [InlineData("X", "X")]
    public void Monograms_are_two_letters_at_most(string name, string expected) => Assert.Equal(expected, ConnectionStyle.Monogram(name));

    [Fact]
    public void Directions_read_as_words_and_both_is_offered_only_when_both_are_supported()
    {
        Assert.Equal("Both ways", ConnectionStyle.Directions(["inbound", "outbound"]));
        Assert.Equal("Into the hub", ConnectionStyle.Directions(["inbound"]));
        Assert.Equal(["inbound", "outbound", "both"], ConnectionStyle.DirectionChoices(["inbound", "outbound"]));
        Assert.Equal(["inbound"], ConnectionStyle.DirectionChoices(["inbound"]));
    }

    [Theory]
    [InlineData("needs_reauth", "Needs reconnecting")]
    [InlineData("pending", "Not authorised yet")]
    [InlineData("disabled", "Disconnected")]
    [InlineData("active", "Active")]
    public void Statuses_read_as_what_the_admin_should_know(string status, string expected) => Assert.Equal(expected, ConnectionStyle.StatusLabel(status));
}
