using IntegrationHub.Core.Identity;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using IntegrationHub.Web.Auth;

namespace IntegrationHub.Web.Tests;

/// <summary>Which tenant a session may act for, decided against a real database (memberships cross the tenant filter).</summary>
public sealed class TenantAccessTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private Tenant _alpha = default!, _beta = default!, _closed = default!;
    private HubUser _member = default!, _operator = default!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        await using var db = _database.CreateContext();
        // Created in this order so "first" is unambiguous; the closed tenant is the oldest, to prove it is skipped.
        _closed = new Tenant { Name = "Closed Co", Slug = "closed-co", CreatedAt = DateTimeOffset.UtcNow.AddDays(-3), DisabledAt = DateTimeOffset.UtcNow };
        _alpha = new Tenant { Name = "Alpha", Slug = "alpha", CreatedAt = DateTimeOffset.UtcNow.AddDays(-2) };
        _beta = new Tenant { Name = "Beta", Slug = "beta", CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) };
        _member = new HubUser { UserName = "m@x.test", Email = "m@x.test" };
        _operator = new HubUser { UserName = "o@x.test", Email = "o@x.test" };
        db.AddRange(_closed, _alpha, _beta, _member, _operator);
        db.Memberships.AddRange(
            new TenantMembership { TenantId = _closed.Id, UserId = _member.Id, Role = TenantRole.Owner, CreatedAt = DateTimeOffset.UtcNow.AddHours(-3) },
            new TenantMembership { TenantId = _beta.Id, UserId = _member.Id, Role = TenantRole.Viewer, CreatedAt = DateTimeOffset.UtcNow.AddHours(-2) },
            new TenantMembership { TenantId = _alpha.Id, UserId = _member.Id, Role = TenantRole.Admin, CreatedAt = DateTimeOffset.UtcNow.AddHours(-1) });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_member_starts_in_their_first_active_membership()
    {
        Assert.Equal(new TenantAccess(_beta.Id, TenantRole.Viewer), await ResolveAsync(_member.Id, isOperator: false, wanted: null));
    }

    [Fact]
    public async Task A_member_may_switch_to_another_of_their_tenants_but_not_to_a_disabled_or_foreign_one()
    {
        Assert.Equal(new TenantAccess(_alpha.Id, TenantRole.Admin), await ResolveAsync(_member.Id, isOperator: false, wanted: _alpha.Id));
        Assert.Null(await ResolveAsync(_member.Id, isOperator: false, wanted: _closed.Id));
        Assert.Null(await ResolveAsync(_operator.Id, isOperator: false, wanted: _alpha.Id));
    }

    [Fact]
    public async Task An_operator_without_memberships_may_enter_any_active_tenant_without_a_tenant_role()
    {
        Assert.Equal(new TenantAccess(_alpha.Id, null), await ResolveAsync(_operator.Id, isOperator: true, wanted: null));
        Assert.Equal(new TenantAccess(_beta.Id, null), await ResolveAsync(_operator.Id, isOperator: true, wanted: _beta.Id));
        Assert.Null(await ResolveAsync(_operator.Id, isOperator: true, wanted: _closed.Id));
    }

    private async Task<TenantAccess?> ResolveAsync(Guid userId, bool isOperator, Guid? wanted)
    {
        await using var db = _database.CreateContext();
        return await TenantAccess.ResolveAsync(db, userId, isOperator, wanted, TestContext.Current.CancellationToken);
    }
}
