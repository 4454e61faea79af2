using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Tests.Infrastructure;

namespace IntegrationHub.Simulators.Tests;

public class WebhookTests
{
    private static async Task RegisterQbo(SimulatorApp app, string url, string format) =>
        (await app.Client().PostAsJsonAsync("/control/apps/qbo", new
        {
            clientId = "qbo-dev-client", clientSecret = "qbo-dev-secret", redirectUris = new[] { "http://localhost/callback" },
            webhookUrl = url, webhookKey = "qbo-dev-verifier-token", webhookFormat = format,
        })).EnsureSuccessStatusCode();

    private static async Task<string> RegisterXero(SimulatorApp app, string url)
    {
        var response = await app.Client().PostAsJsonAsync("/control/apps/xero", new
        {
            clientId = "xero-dev-client", clientSecret = "xero-dev-secret", redirectUris = new[] { "http://localhost/callback" },
            webhookUrl = url, webhookKey = "xero-dev-webhook-key",
        });
        return (await response.Body())["webhookStatus"]!.GetValue<string>();
    }

    [Fact]
    public async Task Qbo_legacy_notifications_are_signed_with_the_verifier_token()
    {
        await using var receiver = await WebhookReceiver.StartAsync("qbo-dev-verifier-token", "intuit-signature");
        await using var app = new SimulatorApp();
        await RegisterQbo(app, receiver.Url, "legacy");
        var client = await app.QboClient();
        await client.PostJson($"/qbo/v3/company/{SimulatorApp.Realm}/customer", """{"DisplayName":"Hooked Ltd"}""");
        var hook = await receiver.WaitFor(h => h.Body.Contains("eventNotifications"));
        var entity = JsonNode.Parse(hook.Body)!["eventNotifications"]![0]!;
        Assert.Equal(SimulatorApp.Realm, entity["realmId"]!.GetValue<string>());
        Assert.Equal("Create", entity["dataChangeEvent"]!["entities"]![0]!["operation"]!.GetValue<string>());
        Assert.Contains(receiver.Received, h => h.Headers.ContainsKey("intuit-signature"));
        Assert.All(receiver.Received, h => Assert.Equal(200, receiver.Answer(h, true)));
    }

    [Fact]
    public async Task Changes_made_through_the_control_api_are_announced_too()
    {
        await using var receiver = await WebhookReceiver.StartAsync("qbo-dev-verifier-token", "intuit-signature");
        await using var app = new SimulatorApp();
        await RegisterQbo(app, receiver.Url, "legacy");
        await app.Client().PatchAsJsonAsync($"/control/qbo/companies/{SimulatorApp.Realm}/invoice/5", new { PrivateNote = "edited in the QBO UI" });
        var hook = await receiver.WaitFor(h => h.Body.Contains("\"Update\""));
        Assert.Equal("5", JsonNode.Parse(hook.Body)!["eventNotifications"]![0]!["dataChangeEvent"]!["entities"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Qbo_cloudevents_shape_and_retry_after_failure()
    {
        await using var receiver = await WebhookReceiver.StartAsync("qbo-dev-verifier-token", "intuit-signature");
        var calls = 0;
        receiver.Answer = (_, valid) => Interlocked.Increment(ref calls) == 1 ? 500 : valid ? 200 : 401;
        await using var app = new SimulatorApp();
        await RegisterQbo(app, receiver.Url, "cloudevents");
        var client = await app.QboClient();
        await client.PostJson($"/qbo/v3/company/{SimulatorApp.Realm}/customer", """{"DisplayName":"Cloud Ltd"}""");
        await receiver.WaitFor(_ => Volatile.Read(ref calls) >= 2);
        var events = JsonNode.Parse(receiver.Received.Last().Body)!.AsArray();
        Assert.Equal("qbo.customer.created.v1", events[0]!["type"]!.GetValue<string>());
        Assert.Equal("1.0", events[0]!["specversion"]!.GetValue<string>());
        Assert.Equal(receiver.Received.First().Body, receiver.Received.Last().Body);
    }

    [Fact]
    public async Task Xero_intent_to_receive_activates_a_correct_receiver_then_events_flow_signed()
    {
        await using var receiver = await WebhookReceiver.StartAsync("xero-dev-webhook-key", "x-xero-signature");
        await using var app = new SimulatorApp();
        Assert.Equal("Active", await RegisterXero(app, receiver.Url));
        Assert.Contains(receiver.Received, h => h.Body.Contains("\"firstEventSequence\":0") && h.Body.Contains("entropy"));
        var client = await app.XeroClient();
        await client.PutJson("/xero/api.xro/2.0/Contacts", """{"Name":"Webhook Watcher"}""");
        var hook = await receiver.WaitFor(h => h.Body.Contains("CONTACT"));
        var ev = JsonNode.Parse(hook.Body)!["events"]![0]!;
        Assert.Equal("CREATE", ev["eventType"]!.GetValue<string>());
        Assert.Equal(SimulatorApp.XeroNz, ev["tenantId"]!.GetValue<string>());
        Assert.StartsWith("http://simulator.test/xero/api.xro/2.0/Contacts/", ev["resourceUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task Xero_receiver_that_accepts_bad_signatures_fails_intent_to_receive_and_gets_no_events()
    {
        await using var receiver = await WebhookReceiver.StartAsync("xero-dev-webhook-key", "x-xero-signature");
        receiver.Answer = (_, _) => 200;
        await using var app = new SimulatorApp();
        Assert.Equal("IntentToReceiveFailed", await RegisterXero(app, receiver.Url));
        var before = receiver.Received.Count;
        var client = await app.XeroClient();
        await client.PutJson("/xero/api.xro/2.0/Contacts", """{"Name":"Nobody Hears"}""");
        await Task.Delay(500);
        Assert.Equal(before, receiver.Received.Count);
    }

    [Fact]
    public async Task Xero_receiver_that_answers_too_slowly_fails_intent_to_receive()
    {
        await using var receiver = await WebhookReceiver.StartAsync("xero-dev-webhook-key", "x-xero-signature");
        receiver.Delay = TimeSpan.FromSeconds(3);
        await using var app = new SimulatorApp().With("Simulators:Webhooks:ReceiverTimeout", "00:00:01");
        Assert.Equal("IntentToReceiveFailed", await RegisterXero(app, receiver.Url));
    }

    [Fact]
    public async Task Xero_disables_a_subscription_after_24_hours_of_failures()
    {
        await using var receiver = await WebhookReceiver.StartAsync("xero-dev-webhook-key", "x-xero-signature");
        await using var app = new SimulatorApp();
        Assert.Equal("Active", await RegisterXero(app, receiver.Url));
        receiver.Answer = (_, _) => 503;
        var client = await app.XeroClient();
        await client.PutJson("/xero/api.xro/2.0/Contacts", """{"Name":"Down Receiver"}""");
        await receiver.WaitFor(h => h.Body.Contains("CONTACT"));
        app.Time.Advance(TimeSpan.FromHours(25));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string? status = null;
        while (DateTime.UtcNow < deadline)
        {
            var state = await (await app.Client().GetAsync("/control/webhooks")).Body();
            status = state["xeroSubscriptions"]!["xero-dev-client"]!["status"]!.GetValue<string>();
            if (status == "Disabled") break;
            await Task.Delay(100);
        }
        Assert.Equal("Disabled", status);
    }
}
