using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IntegrationHub.Core.Events;
using IntegrationHub.Core.Tenancy;
using IntegrationHub.Core.Webhooks.Outbound;
using IntegrationHub.Testing;
using Microsoft.EntityFrameworkCore;
namespace IntegrationHub.Webhooks.Tests;

/// <summary>Delivery guards and endpoint options: SSRF, HTTPS in production, secret rotation, ordering, rate limit, jitter.</summary>
public sealed partial class DeliveryTests
{
    [Fact]
    public async Task The_ssrf_guard_refuses_loopback_private_and_metadata_targets_after_resolution_unless_allow_listed()
    {
        await using var strict = new Harness(_database, new() { ["Webhooks:AllowedNetworks:0"] = null });
        var tenant = await TenantAsync();
        var targets = new[] { _receiver.Url, $"http://localhost:{_receiver.Port}/hook", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.8/hook", "http://[::1]:9/hook" };
        var endpoints = new List<Guid>();
        foreach (var url in targets) endpoints.Add((await strict.CreateEndpointAsync(tenant, url, ["*"])).Endpoint.Id);
        await strict.EmitAsync(tenant, "record.created", new { id = 1 });
        Assert.Equal(targets.Length, await strict.PumpAsync());
        Assert.Empty(_receiver.Requests);
        foreach (var id in endpoints)
        {
            var message = Assert.Single(await MessagesAsync(id));
            Assert.Equal(WebhookMessageStatus.Pending, message.Status);
            Assert.Contains("SSRF guard", message.LastError);
        }

        var guard = new SsrfGuard([]);
        foreach (var blocked in new[] { "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1" })
            Assert.False(guard.IsAllowed(System.Net.IPAddress.Parse(blocked)), blocked);
        foreach (var allowed in new[] { "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111" })
            Assert.True(guard.IsAllowed(System.Net.IPAddress.Parse(allowed)), allowed);
        Assert.True(new SsrfGuard(["127.0.0.0/8"]).IsAllowed(System.Net.IPAddress.Parse("127.0.0.1")));
        Assert.False(new SsrfGuard(["127.0.0.0/8"]).IsAllowed(System.Net.IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public async Task Production_mode_refuses_plain_http_endpoints()
    {
        await using var production = new Harness(_database, new() { ["Webhooks:Delivery:RequireHttps"] = "true" });
        var tenant = await TenantAsync();
        var (endpoint, _) = await production.CreateEndpointAsync(tenant, _receiver.Url, ["*"]);
        await production.EmitAsync(tenant, "record.created", new { id = 1 });
        await production.PumpAsync();
        Assert.Empty(_receiver.Requests);
        Assert.Contains("https", Assert.Single(await MessagesAsync(endpoint.Id)).LastError);
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_after_the_overlap_only_the_new_one()
    {
        var tenant = await TenantAsync();
        var (endpoint, oldSecret) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"]);
        var newSecret = await _harness.RotateAsync(endpoint.Id);
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Matches("^whsec_[A-Za-z0-9+/=]{44}$", newSecret);

        await _harness.EmitAsync(tenant, "record.created", new { id = 1 });
        await _harness.PumpAsync();
        Assert.True(_receiver.Requests.TryDequeue(out var during));
        Assert.Equal(2, during.Headers["webhook-signature"].Split(' ').Length);
        Assert.True(SpecVerify(oldSecret, during));
        Assert.True(SpecVerify(newSecret, during));

        _harness.Clock.Advance(TimeSpan.FromHours(25));
        await _harness.EmitAsync(tenant, "record.created", new { id = 2 });
        await _harness.PumpAsync();
        Assert.True(_receiver.Requests.TryDequeue(out var after));
        Assert.Single(after.Headers["webhook-signature"].Split(' '));
        Assert.False(SpecVerify(oldSecret, after));
        Assert.True(SpecVerify(newSecret, after));
    }

    [Fact]
    public async Task An_ordered_endpoint_gets_the_next_message_only_after_the_previous_one()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"], e => e.Ordered = true);
        _receiver.Answer(500);
        for (var i = 1; i <= 3; i++) await _harness.EmitAsync(tenant, "record.updated", new { seq = i });
        Assert.Equal(1, await _harness.PumpAsync());
        Assert.Equal(0, await _harness.PumpAsync());
        _harness.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, await _harness.PumpAsync());
        Assert.Equal(1, await _harness.PumpAsync());
        Assert.Equal(1, await _harness.PumpAsync());
        Assert.Equal([1, 1, 2, 3], _receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("seq").GetInt32()).ToArray());
    }

    [Fact]
    public async Task The_rate_limit_option_caps_deliveries_per_second()
    {
        var tenant = await TenantAsync();
        var (endpoint, _) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["*"], e => e.RateLimitPerSecond = 2);
        await _harness.EmitAsync(tenant, "record.updated", new { id = 1 }, count: 5);
        await _harness.PumpAsync();
        Assert.Equal(2, _receiver.Requests.Count);
        Assert.Equal(3, (await MessagesAsync(endpoint.Id)).Count(m => m.Status == WebhookMessageStatus.Pending && m.Attempts == 0));
        _harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await _harness.PumpAsync();
        Assert.Equal(4, _receiver.Requests.Count);
    }

    [Fact]
    public void Jitter_spreads_each_retry_within_its_fraction()
    {
        var options = new DeliveryOptions { Jitter = 0.1 };
        var now = DateTimeOffset.UnixEpoch;
        Assert.Equal(now.AddMinutes(4.5), RetryPolicy.Next(options, 2, now, null, 0.0));
        Assert.Equal(now.AddMinutes(5.5), RetryPolicy.Next(options, 2, now, null, 1.0));
        Assert.Null(RetryPolicy.Next(options, 8, now, null, 0.5));
    }
}
