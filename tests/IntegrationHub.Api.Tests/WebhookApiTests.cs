using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace IntegrationHub.Api.Tests;

/// <summary>The webhook subscription and log API: secrets shown once, validation as ProblemDetails, resend/recover/replay.</summary>
public class WebhookApiTests(ConnectedApiFactory factory) : IClassFixture<ConnectedApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_secret_is_shown_on_create_and_rotate_only_and_never_in_reads()
    {
        var tenant = await factory.CreateTenantAsync();
        var (connection, _) = await ConnectionTestKit.ConnectAsync(factory, tenant.Owner(), "xero", t => t);
        var created = await WebhookTestKit.CreateAsync(tenant, connection);
        Assert.Matches("^whsec_[A-Za-z0-9+/=]{44}$", created.Secret);
        var read = await tenant.Admin().GetStringAsync($"/api/v1/webhook-endpoints/{created.EndpointId}", Ct);
        var list = await tenant.Admin().GetStringAsync("/api/v1/webhook-endpoints", Ct);
        Assert.DoesNotContain(created.Secret, read + list);
        Assert.DoesNotContain(created.Secret[6..], read + list);

        var rotated = await (await tenant.Admin().PostAsync($"/api/v1/webhook-endpoints/{created.EndpointId}/rotate-secret", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = rotated.GetProperty("secret").GetString()!;
        Assert.NotEqual(created.Secret, secret);
        Assert.True(rotated.GetProperty("previousSecretUntil").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(23));
        Assert.DoesNotContain(secret[6..], await tenant.Admin().GetStringAsync($"/api/v1/webhook-endpoints/{created.EndpointId}", Ct));
        Assert.DoesNotContain(secret[6..], factory.Logs.All);
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/", "record.*", "url")]
    [InlineData("https://user:pw@hooks.example.com/", "record.*", "url")]
    [InlineData("http://169.254.169.254/latest", "record.*", "url")]
    [InlineData("http://10.0.0.1/hook", "record.*", "url")]
    [InlineData("https://hooks.example.com/", "Record.*", "eventTypes")]
    [InlineData("https://hooks.example.com/", "*.created", "eventTypes")]
    [InlineData("https://hooks.example.com/", "record..x", "eventTypes")]
    public async Task Bad_subscriptions_are_refused_with_the_field_named(string url, string filter, string field)
    {
        var tenant = await factory.CreateTenantAsync();
        var response = await tenant.Admin().PostAsJsonAsync("/api/v1/webhook-endpoints", new { url, eventTypes = new[] { filter } }, Ct);
        var problem = await HttpAssert.ProblemAsync(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Resend_recover_and_replay_requeue_the_stored_items()
    {
        var tenant = await factory.CreateTenantAsync();
        var (connection, _) = await ConnectionTestKit.ConnectAsync(factory, tenant.Owner(), "xero", t => t);
        var a = await WebhookTestKit.CreateAsync(tenant, connection);
        var admin = tenant.Admin();

        var dead = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhook-endpoints/{a.EndpointId}/messages?status=deadLettered", Ct);
        Assert.Equal(1, dead.GetProperty("total").GetInt32());
        Assert.Equal("record.created", dead.GetProperty("items")[0].GetProperty("payload").GetProperty("type").GetString());
        await HttpAssert.ProblemAsync(await admin.GetAsync($"/api/v1/webhook-endpoints/{a.EndpointId}/messages?status=lost", Ct), 400);

        await HttpAssert.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/webhook-endpoints/{a.EndpointId}/recover",
            new { since = DateTimeOffset.UtcNow, until = DateTimeOffset.UtcNow.AddDays(-1) }, Ct), 400);
        var recovered = await (await admin.PostAsJsonAsync($"/api/v1/webhook-endpoints/{a.EndpointId}/recover",
            new { since = DateTimeOffset.UtcNow.AddDays(-1) }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(1, recovered.GetProperty("requeued").GetInt32());
        var pending = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhook-endpoints/{a.EndpointId}/messages?status=pending", Ct);
        Assert.Equal(1, pending.GetProperty("total").GetInt32());

        var other = await WebhookTestKit.CreateAsync(tenant, connection, "second");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/webhook-messages/{other.MessageId}/resend", null, Ct)).StatusCode);
        var resent = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhook-endpoints/{other.EndpointId}/messages?status=pending", Ct);
        Assert.Equal(1, resent.GetProperty("total").GetInt32());
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>($"/api/v1/webhook-messages/{other.MessageId}/attempts", Ct) ?? []);

        var events = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{connection}/inbound-events?status=failed", Ct);
        Assert.Equal("boom", events.GetProperty("items")[0].GetProperty("error").GetString());
        var replayed = await admin.PostAsync($"/api/v1/inbound-events/{a.InboundEventId}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, replayed.StatusCode);
        var received = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/connections/{connection}/inbound-events?status=received", Ct);
        Assert.Equal(1, received.GetProperty("total").GetInt32());
    }
}
