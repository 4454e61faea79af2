using IntegrationHub.Core.Connectors;

namespace IntegrationHub.Connectors.Tests;

/// <summary>The dimensions the shared rate budgets are built from (shared/vendors/VENDORS.md sections 1 and 2).</summary>
public class RateLimitMetadataTests
{
    private static ConnectorCatalog Catalog => IntegrationHub.Connectors.Connectors.Catalog;

    [Fact]
    public void Xero_names_the_header_that_reports_each_counted_window()
    {
        var xero = Catalog.Find("xero")!.RateLimits;
        Assert.Contains(xero, r => r is { Scope: "tenant", Count: 60, RemainingHeader: "X-MinLimit-Remaining" });
        Assert.Contains(xero, r => r is { Scope: "tenant", Count: 5000, RemainingHeader: "X-DayLimit-Remaining" });
        Assert.Contains(xero, r => r is { Scope: "app", Count: 10000, RemainingHeader: "X-AppMinLimit-Remaining" });
        Assert.Contains(xero, r => r is { Scope: "tenant", Concurrent: 5, RemainingHeader: null });
    }

    [Fact]
    public void QuickBooks_limits_are_per_realm_per_minute_per_second_and_concurrent()
    {
        var qbo = Catalog.Find("quickbooks")!.RateLimits;
        Assert.Equal(3, qbo.Count);
        Assert.All(qbo, r => Assert.Equal("tenant", r.Scope));
        Assert.Contains(qbo, r => r.Count == 500 && r.Window == TimeSpan.FromMinutes(1));
        Assert.Contains(qbo, r => r.Count == 10 && r.Window == TimeSpan.FromSeconds(1));
        Assert.Contains(qbo, r => r.Concurrent == 10);
    }

    [Fact]
    public void Every_dimension_is_a_count_per_window_or_a_concurrency_in_a_known_scope()
    {
        foreach (var connector in Catalog.All)
        {
            foreach (var r in connector.RateLimits)
            {
                Assert.Contains(r.Scope, new[] { "tenant", "connection", "app" });
                Assert.True((r.Count is > 0 && r.Window > TimeSpan.Zero) || r.Concurrent is > 0, $"{connector.Key}: {r}");
            }
        }
    }
}
