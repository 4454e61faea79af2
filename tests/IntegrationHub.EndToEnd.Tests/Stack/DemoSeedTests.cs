using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.EndToEnd.Tests.Stack;

/// <summary>The AppHost ran the migrator with --seed-demo before the services, so the login it prints exists.</summary>
[Collection("stack")]
public sealed class DemoSeedTests(StackFixture stack)
{
    [Fact]
    public async Task The_demo_users_from_the_url_table_exist()
    {
        await using var db = stack.Database.CreateContext();
        var emails = await db.Users.IgnoreQueryFilters().Select(u => u.Email).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Contains(stack.DemoOwnerEmail, emails);
        Assert.Contains(stack.DemoOperatorEmail, emails);
        Assert.Contains($"Demo login: {stack.DemoOwnerEmail} / {stack.DemoPassword}", stack.Host.Output);
    }
}
