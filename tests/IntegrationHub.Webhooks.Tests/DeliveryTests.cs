using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Core.Webhooks.Outbound;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>Outbound delivery on real PostgreSQL to a loopback subscriber, with the clock under the test's control.</summary>
public sealed partial class DeliveryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _database = new();
    private Harness _harness = null!;
    private LoopbackReceiver _receiver = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _harness = new Harness(_database);
        _receiver = await LoopbackReceiver.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<Guid> TenantAsync()
    {
        await using var db = _harness.Db();
        var tenant = new Tenant { Name = "Subscriber", Slug = "sub-" + Guid.NewGuid().ToString("N")[..8] };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private async Task<List<WebhookMessage>> MessagesAsync(Guid endpointId)
    {
        await using var db = _harness.Db();
        return await db.WebhookMessages.IgnoreQueryFilters().Where(m => m.EndpointId == endpointId).OrderBy(m => m.Id).ToListAsync(Ct);
    }

    private async Task<WebhookEndpoint> EndpointAsync(Guid id)
    {
        await using var db = _harness.Db();
        return await db.WebhookEndpoints.IgnoreQueryFilters().SingleAsync(e => e.Id == id, Ct);
    }

    /// <summary>
    /// The Standard Webhooks specification's verification, written here from the spec text: the signed content is
    /// "{webhook-id}.{webhook-timestamp}.{body}", the key is the base64 decoding of the secret after its "whsec_" prefix,
    /// the signature is base64(HMAC-SHA256), and the header is a space-delimited list of "v1,&lt;signature&gt;".
    /// </summary>
    private static bool SpecVerify(string secret, ReceivedRequest request)
    {
        var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
        var content = request.Headers["webhook-id"] + "." + request.Headers["webhook-timestamp"] + "." + request.Body;
        using var hmac = new HMACSHA256(key);
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(content)));
        return request.Headers["webhook-signature"].Split(' ').Any(s => s.StartsWith("v1,") && s[3..] == expected);
    }

    [Fact]
    public async Task A_matching_event_is_delivered_signed_per_the_specification_and_logged()
    {
        var tenant = await TenantAsync();
        var (endpoint, secret) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["record.*"]);
        var (other, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["invoice.paid"]);
        _receiver.Answer(200, new string('x', 5000));
        await _harness.EmitAsync(tenant, EventTypes.RecordUpdated, new { entity = "Invoice", id = "inv-1" });

        Assert.Equal(1, await _harness.PumpAsync());
        var request = Assert.Single(_receiver.Requests);
        Assert.True(SpecVerify(secret, request));
        Assert.StartsWith("msg_", request.Headers["webhook-id"]);
        Assert.Equal(_harness.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), request.Headers["webhook-timestamp"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("record.updated", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("inv-1", body.RootElement.GetProperty("data").GetProperty("id").GetString());
        Assert.True(DateTimeOffset.TryParse(body.RootElement.GetProperty("timestamp").GetString(), out _));

        var message = Assert.Single(await MessagesAsync(endpoint.Id));
        Assert.Equal((WebhookMessageStatus.Succeeded, 1, 200), (message.Status, message.Attempts, message.LastStatusCode));
        Assert.Equal(request.Headers["webhook-id"], message.MessageId);
        Assert.Empty(await MessagesAsync(other.Id));
        await using var db = _harness.Db();
        var attempt = await db.WebhookAttempts.IgnoreQueryFilters().SingleAsync(a => a.MessageId == message.Id, Ct);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal(WebhookAttempt.MaxBodyChars, attempt.ResponseBody!.Length);
    }

    [Fact]
    public async Task Failures_follow_the_retry_schedule_then_dead_letter_and_a_time_range_can_be_recovered()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"]);
        _receiver.DefaultStatus = 500;
        var start = _harness.Clock.GetUtcNow();
        await _harness.EmitAsync(tenant, "sync_run.failed", new { run = 1 });
        Assert.Equal(1, await _harness.PumpAsync());

        var schedule = new DeliveryOptions().RetrySchedule;
        Assert.Equal([5, 300, 1800, 7200, 18000, 36000, 36000], schedule.Select(s => (int)s.TotalSeconds).ToArray());
        foreach (var delay in schedule)
        {
            var message = Assert.Single(await MessagesAsync(endpoint.Id));
            Assert.Equal(WebhookMessageStatus.Pending, message.Status);
            Assert.Equal(_harness.Clock.GetUtcNow() + delay, message.NextAttemptAt);
            _harness.Clock.Advance(delay - TimeSpan.FromSeconds(1));
            Assert.Equal(0, await _harness.PumpAsync());
            _harness.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.Equal(1, await _harness.PumpAsync());
        }
        var dead = Assert.Single(await MessagesAsync(endpoint.Id));
        Assert.Equal((WebhookMessageStatus.DeadLettered, 8, null), (dead.Status, dead.Attempts, dead.NextAttemptAt));
        Assert.Equal(8, _receiver.Requests.Count);
        Assert.Equal(0, await _harness.PumpAsync());

        // A second event an hour later, dead-lettered too (a one-step schedule would be quicker, but this is the real one).
        _harness.Clock.Advance(TimeSpan.FromHours(1));
        var second = _harness.Clock.GetUtcNow();
        await _harness.EmitAsync(tenant, "sync_run.failed", new { run = 2 });
        await _harness.PumpAsync();
        foreach (var delay in schedule)
        {
            _harness.Clock.Advance(delay);
            await _harness.PumpAsync();
        }
        Assert.All(await MessagesAsync(endpoint.Id), m => Assert.Equal(WebhookMessageStatus.DeadLettered, m.Status));

        // Recover only [start, second): the first message goes out again, the second stays dead-lettered.
        _receiver.DefaultStatus = 200;
        await using (var db = _harness.Db(tenant))
            Assert.Equal(1, await WebhookRecovery.RecoverAsync(db, endpoint.Id, start, second, _harness.Clock.GetUtcNow(), Ct));
        Assert.Equal(1, await _harness.PumpAsync());
        var final = await MessagesAsync(endpoint.Id);
        Assert.Equal([WebhookMessageStatus.Succeeded, WebhookMessageStatus.DeadLettered], final.Select(m => m.Status).ToArray());
        Assert.Equal(9, final[0].Attempts);
    }
    [Theory]
    [InlineData(429, "120", 120)]
    [InlineData(503, "3600", 3600)]
    public async Task Retry_after_on_429_and_503_replaces_the_schedule_delay(int status, string retryAfter, int seconds)
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"]);
        _receiver.Answer(status, retryAfter: retryAfter);
        await _harness.EmitAsync(tenant, "invoice.paid", new { id = 1 });
        await _harness.PumpAsync();
        var message = Assert.Single(await MessagesAsync(endpoint.Id));
        Assert.Equal((WebhookMessageStatus.Pending, status), (message.Status, message.LastStatusCode));
        Assert.Equal(_harness.Clock.GetUtcNow().AddSeconds(seconds), message.NextAttemptAt);
    }

    [Fact]
    public async Task Redirects_are_failures_and_not_followed()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"]);
        _receiver.Answer(302);
        await _harness.EmitAsync(tenant, "invoice.paid", new { id = 1 });
        await _harness.PumpAsync();
        var message = Assert.Single(await MessagesAsync(endpoint.Id));
        Assert.Equal((WebhookMessageStatus.Pending, 302, 1), (message.Status, message.LastStatusCode, _receiver.Requests.Count));
    }

    [Fact]
    public async Task Gone_disables_the_endpoint_and_emits_endpoint_disabled()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["record.*"]);
        _receiver.Answer(410);
        await _harness.EmitAsync(tenant, "record.created", new { id = 1 }, count: 2);
        Assert.Equal(2, await _harness.PumpAsync());
        var disabled = await EndpointAsync(endpoint.Id);
        Assert.False(disabled.Enabled);
        Assert.Contains("410", disabled.DisabledReason);
        await using var db = _harness.Db();
        Assert.Equal(1, await db.OutboxEvents.CountAsync(e => e.TenantId == tenant && e.Type == EventTypes.EndpointDisabled, Ct));
        // Nothing more goes to a disabled endpoint.
        await _harness.EmitAsync(tenant, "record.created", new { id = 2 });
        Assert.Equal(0, await _harness.PumpAsync());
    }

    [Fact]
    public async Task Five_days_of_continuous_failure_disable_the_endpoint_and_tell_the_tenants_other_endpoints()
    {
        var tenant = await TenantAsync();
        await using var failing = await LoopbackReceiver.StartAsync();
        failing.DefaultStatus = 500;
        var (broken, _) = await _harness.CreateEndpointAsync(tenant, failing.Url, ["record.*"]);
        var (ops, opsSecret) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["endpoint.*"]);
        await _harness.EmitAsync(tenant, "record.updated", new { id = 1 });
        await _harness.PumpAsync();
        Assert.True((await EndpointAsync(broken.Id)).Enabled);

        _harness.Clock.Advance(TimeSpan.FromDays(5));
        await _harness.EmitAsync(tenant, "record.updated", new { id = 2 });
        await _harness.PumpAsync();
        var endpoint = await EndpointAsync(broken.Id);
        Assert.False(endpoint.Enabled);
        Assert.Contains("5 days", endpoint.DisabledReason);

        await _harness.PumpAsync();
        var notice = Assert.Single(_receiver.Requests);
        Assert.True(SpecVerify(opsSecret, notice));
        using var body = JsonDocument.Parse(notice.Body);
        Assert.Equal("endpoint.disabled", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(broken.Id, body.RootElement.GetProperty("data").GetProperty("endpointId").GetGuid());
        Assert.Single(await MessagesAsync(ops.Id));
    }

    [Fact]
    public async Task A_success_resets_the_failure_clock()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"]);
        _receiver.Answer(500);
        await _harness.EmitAsync(tenant, "record.updated", new { id = 1 });
        await _harness.PumpAsync();
        Assert.NotNull((await EndpointAsync(endpoint.Id)).FailingSince);
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        await _harness.PumpAsync();
        Assert.Null((await EndpointAsync(endpoint.Id)).FailingSince);
    }
}
