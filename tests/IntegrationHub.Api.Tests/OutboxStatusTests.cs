using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Core.Events;

namespace IntegrationHub.Api.Tests;

public class OutboxStatusTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Operators_see_the_unpublished_count_and_the_lag_and_tenants_do_not()
    {
        await using (var db = factory.Database.CreateContext())
        {
            db.OutboxEvents.Add(new OutboxEvent { TenantId = Guid.NewGuid(), Type = "test.old", Payload = JsonDocument.Parse("{}"), OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-2) });
            db.OutboxEvents.Add(new OutboxEvent { TenantId = Guid.NewGuid(), Type = "test.new", Payload = JsonDocument.Parse("{}") });
            db.OutboxEvents.Add(new OutboxEvent { TenantId = Guid.NewGuid(), Type = "test.done", Payload = JsonDocument.Parse("{}"), PublishedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        var op = await factory.CreateUserAsync("operator", isOperator: true);
        var status = await factory.ClientWithSession(op.Id, op.Email!, null).GetFromJsonAsync<JsonElement>("/api/v1/admin/events/outbox", Ct);
        Assert.Equal(2, status.GetProperty("unpublished").GetInt32());
        Assert.InRange(status.GetProperty("lagSeconds").GetDouble(), 110, 600);

        var tenant = await factory.CreateTenantAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.Owner().GetAsync("/api/v1/admin/events/outbox", Ct)).StatusCode);
    }
}
