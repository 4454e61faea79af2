using IntegrationHub.Core.ApiKeys;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Core.Tests.Tenancy;

public class TenantFilterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<(Guid A, Guid B)> TwoTenantsWithOneKeyEachAsync()
    {
        await using var db = database.CreateContext();
        var a = new Tenant { Name = "A", Slug = "a-" + Guid.NewGuid().ToString("N")[..8] };
        var b = new Tenant { Name = "B", Slug = "b-" + Guid.NewGuid().ToString("N")[..8] };
        db.Tenants.AddRange(a, b);
        foreach (var t in new[] { a, b })
        {
            var (_, prefix, hash) = ApiKeyFormat.Generate();
            db.ApiKeys.Add(new ApiKey { TenantId = t.Id, Name = "key of " + t.Name, Prefix = prefix, SecretHash = hash });
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (a.Id, b.Id);
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_rows()
    {
        var (a, b) = await TwoTenantsWithOneKeyEachAsync();
        await using var asA = database.CreateContext(a);
        var keys = await asA.ApiKeys.ToListAsync(TestContext.Current.CancellationToken);
        Assert.All(keys, k => Assert.Equal(a, k.TenantId));
        Assert.DoesNotContain(keys, k => k.TenantId == b);
        Assert.Single(keys);
    }

    [Fact]
    public async Task No_tenant_sees_nothing()
    {
        await TwoTenantsWithOneKeyEachAsync();
        await using var none = database.CreateContext(null);
        Assert.Empty(await none.ApiKeys.ToListAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await none.ApiKeys.IgnoreQueryFilters().ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Writing_into_another_tenant_is_refused()
    {
        var (a, b) = await TwoTenantsWithOneKeyEachAsync();
        await using var asA = database.CreateContext(a);
        var (_, prefix, hash) = ApiKeyFormat.Generate();
        asA.ApiKeys.Add(new ApiKey { TenantId = b, Name = "smuggled", Prefix = prefix, SecretHash = hash });
        await Assert.ThrowsAsync<InvalidOperationException>(() => asA.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task New_rows_are_stamped_with_the_current_tenant()
    {
        var (a, _) = await TwoTenantsWithOneKeyEachAsync();
        await using var asA = database.CreateContext(a);
        var (_, prefix, hash) = ApiKeyFormat.Generate();
        var key = new ApiKey { Name = "stamped", Prefix = prefix, SecretHash = hash };
        asA.ApiKeys.Add(key);
        await asA.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(a, key.TenantId);
    }
}
