using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.RateLimits;

namespace IntegrationHub.Core.Tests.RateLimits;

public class BudgetPlanTests
{
    // Xero's published limits as its connector.json declares them.
    private static readonly RateLimitDimension[] Xero =
    [
        new("tenant", 60, TimeSpan.FromMinutes(1), RemainingHeader: "X-MinLimit-Remaining"),
        new("tenant", Concurrent: 5),
        new("tenant", 5000, TimeSpan.FromDays(1), RemainingHeader: "X-DayLimit-Remaining"),
        new("app", 10000, TimeSpan.FromMinutes(1), RemainingHeader: "X-AppMinLimit-Remaining"),
    ];

    private static RateLimitOptions Options(double factor = 1.0) => new() { SafetyFactor = factor, WindowPadding = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public void Every_published_dimension_becomes_a_limit()
    {
        var plan = BudgetPlan.For("xero", "api.xero.com", Xero, Options(), Guid.NewGuid(), "org-1", "client-1");
        Assert.Equal(
            [(BudgetKind.Window, 60, 60_500L), (BudgetKind.Concurrent, 5, 0L), (BudgetKind.Window, 5000, 86_400_500L), (BudgetKind.Window, 10000, 60_500L)],
            plan.Limits.Select(l => (l.Kind, l.Limit, l.WindowMs)));
        Assert.Equal(["X-MinLimit-Remaining", null, "X-DayLimit-Remaining", "X-AppMinLimit-Remaining"], plan.Limits.Select(l => l.RemainingHeader));
        Assert.All(plan.Limits, l => Assert.StartsWith("hub:rl:{xero@api.xero.com}:", l.Key));
    }

    [Fact]
    public void Two_connections_to_the_same_organisation_share_its_limits_and_every_organisation_shares_the_app_limit()
    {
        var first = BudgetPlan.For("xero", "api.xero.com", Xero, Options(), Guid.NewGuid(), "org-1", "client-1");
        var second = BudgetPlan.For("xero", "api.xero.com", Xero, Options(), Guid.NewGuid(), "org-1", "client-1");
        var other = BudgetPlan.For("xero", "api.xero.com", Xero, Options(), Guid.NewGuid(), "org-2", "client-1");
        Assert.Equal(first.Limits.Select(l => l.Key), second.Limits.Select(l => l.Key));
        Assert.Equal(first.TenantBlockKey, second.TenantBlockKey);
        Assert.Empty(first.Limits.Where(l => l.Scope == "tenant").Select(l => l.Key).Intersect(other.Limits.Select(l => l.Key)));
        Assert.Equal(first.Limits.Single(l => l.Scope == "app").Key, other.Limits.Single(l => l.Scope == "app").Key);
        Assert.Equal(first.AppBlockKey, other.AppBlockKey);
    }

    [Fact]
    public void Another_endpoint_of_the_provider_has_budgets_of_its_own()
    {
        var production = BudgetPlan.For("quickbooks", "quickbooks.api.intuit.com", Xero, Options(), Guid.NewGuid(), "realm", "client-1");
        var sandbox = BudgetPlan.For("quickbooks", "sandbox-quickbooks.api.intuit.com", Xero, Options(), Guid.NewGuid(), "realm", "client-1");
        Assert.Empty(production.Limits.Select(l => l.Key).Intersect(sandbox.Limits.Select(l => l.Key)));
        Assert.NotEqual(production.TenantBlockKey, sandbox.TenantBlockKey);
    }

    [Fact]
    public void Without_an_external_tenant_the_connection_is_the_tenant()
    {
        var id = Guid.NewGuid();
        var plan = BudgetPlan.For("xero", "api.xero.com", Xero, Options(), id, null, "client-1");
        Assert.Contains(plan.Limits, l => l.Key.Contains($":c:{id:N}:", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_app_the_app_wide_limits_are_dropped()
    {
        var plan = BudgetPlan.For("xero", "api.xero.com", Xero, Options(), Guid.NewGuid(), "org-1", null);
        Assert.DoesNotContain(plan.Limits, l => l.Scope == "app");
        Assert.Null(plan.AppBlockKey);
    }

    [Fact]
    public void The_safety_factor_scales_the_limits_but_the_provider_remains_the_reference()
    {
        var plan = BudgetPlan.For("xero", "api.xero.com", Xero, Options(0.9), Guid.NewGuid(), "org-1", "client-1");
        var minute = plan.Limits[0];
        Assert.Equal((54, 60), (minute.Limit, minute.Published));
    }

    [Fact]
    public void Provider_overrides_replace_the_dimensions_and_the_factor()
    {
        var options = Options();
        options.Providers["xero"] = new ProviderRateLimitOptions { SafetyFactor = 0.5, Dimensions = [new("connection", 10, TimeSpan.FromSeconds(1))] };
        var id = Guid.NewGuid();
        var plan = BudgetPlan.For("Xero", "api.xero.com", Xero, options, id, "org-1", "client-1");
        var only = Assert.Single(plan.Limits);
        Assert.Equal((5, 1_500L), (only.Limit, only.WindowMs));
        Assert.Contains($":c:{id:N}:", only.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_scope_is_refused_loudly() =>
        Assert.Throws<InvalidOperationException>(() =>
            BudgetPlan.For("xero", "api.xero.com", [new RateLimitDimension("planet", 1, TimeSpan.FromSeconds(1))], Options(), Guid.NewGuid(), "org", "app"));
}
