using IntegrationHub.Core.Events;
using IntegrationHub.Core.Webhooks.Outbound;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Webhooks.Tests;

/// <summary>Batched claiming and writing: several delivery loops share the queue, each message is sent and logged once.</summary>
public sealed partial class DeliveryTests
{
    [Fact]
    public async Task Concurrent_delivery_loops_send_every_message_once_and_log_one_attempt_each()
    {
        var tenant = await TenantAsync();
        var (endpoint, secret) = await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["record.*"]);
        await _harness.EmitAsync(tenant, EventTypes.RecordUpdated, new { entity = "Invoice", id = "inv-1" }, count: 450);
        while (await _harness.Get<WebhookFanout>().FanOutBatchAsync(Ct) > 0) { }

        var delivery = _harness.Get<WebhookDelivery>();
        var claimed = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var total = 0;
            int n;
            while ((n = await delivery.DeliverBatchAsync(Ct)) > 0) total += n;
            return total;
        }, Ct)));

        Assert.Equal(450, claimed.Sum());
        Assert.Equal(450, _receiver.Requests.Select(r => r.Headers["webhook-id"]).Distinct().Count());
        Assert.Equal(450, _receiver.Requests.Count);
        Assert.All(_receiver.Requests, r => Assert.True(SpecVerify(secret, r)));
        var messages = await MessagesAsync(endpoint.Id);
        Assert.All(messages, m => Assert.Equal((WebhookMessageStatus.Succeeded, 1, 200, _harness.Clock.GetUtcNow()), (m.Status, m.Attempts, m.LastStatusCode, m.DeliveredAt!.Value)));
        await using var db = _harness.Db();
        var attempts = await db.WebhookAttempts.IgnoreQueryFilters().Where(a => a.EndpointId == endpoint.Id).GroupBy(a => a.MessageId).Select(g => g.Count()).ToListAsync(Ct);
        Assert.Equal(450, attempts.Count);
        Assert.All(attempts, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Fan_out_wakes_an_idle_delivery_loop_instead_of_leaving_it_to_its_poll()
    {
        var tenant = await TenantAsync();
        await _harness.CreateEndpointAsync(tenant, _receiver.Url, ["record.*"]);
        var signal = _harness.Get<DeliverySignal>();
        await signal.WaitAsync(TimeSpan.Zero, Ct); // drain anything earlier tests left

        var idle = signal.WaitAsync(TimeSpan.FromMinutes(5), Ct);
        await _harness.EmitAsync(tenant, EventTypes.RecordUpdated, new { entity = "Invoice", id = "inv-2" });
        Assert.False(idle.IsCompleted);
        Assert.Equal(1, await _harness.Get<WebhookFanout>().FanOutBatchAsync(Ct));
        await idle.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        // Nothing fanned out (no matching endpoint, no events) → no wake-up; the wait ends at its timeout.
        var quiet = signal.WaitAsync(TimeSpan.FromSeconds(8), Ct);
        Assert.Equal(0, await _harness.Get<WebhookFanout>().FanOutBatchAsync(Ct));
        await Task.Delay(200, Ct);
        Assert.False(quiet.IsCompleted);
        await quiet.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
