extern alias receiver;
extern alias worker;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Testing;

namespace IntegrationHub.Sync.Tests;

/// <summary>
/// The whole inbound webhook path: the simulator (as QBO and Xero, each with an app whose webhook URL is the receiver),
/// the WebhookReceiver, and a SyncWorker, all on one database and Redis. <see cref="Sync"/> sets up tenants, companies
/// and connections and runs the first full syncs directly.
/// </summary>
public sealed class WebhookStack : IAsyncLifetime
{
    public const string QboClientId = "hub-webhooks-qbo";
    public const string XeroClientId = "hub-webhooks-xero";
    public RealConnectorsFixture Sync { get; } = new();
    public ServiceHost<receiver::Program> Receiver { get; private set; } = null!;
    private ServiceHost<worker::Program>? _worker;

    public async ValueTask InitializeAsync()
    {
        await Sync.InitializeAsync();
        // The receiver on Kestrel with the simulator environment's webhook keys; a SyncWorker (inbox worker, Hangfire job server,
        // the engine with the product's connectors) pointed at the simulator.
        Receiver = new ServiceHost<receiver::Program>(Sync.Database, new Dictionary<string, string> { ["Providers:DefaultEnvironment"] = "simulator" }).Listen();
        _worker = new ServiceHost<worker::Program>(Sync.Database, new Dictionary<string, string>
        {
            ["services:simulators:http:0"] = Sync.Simulator.Url, ["Jobs:WorkerCount"] = "2", ["Jobs:QueuePollInterval"] = "00:00:00.250",
            ["Jobs:DispatchInterval"] = "00:00:00.250", ["Jobs:ShutdownTimeout"] = "00:00:05",
        }).Start();
        var control = Sync.Control();
        (await control.PostAsJsonAsync("/control/apps/qbo", new
        {
            clientId = QboClientId, clientSecret = "hub-webhooks-secret", webhookUrl = Receiver.Url + "/webhooks/quickbooks",
            webhookKey = "qbo-dev-verifier-token", webhookFormat = "legacy",
        })).EnsureSuccessStatusCode();
        var xero = await (await control.PostAsJsonAsync("/control/apps/xero", new
        {
            clientId = XeroClientId, clientSecret = "hub-webhooks-secret", webhookUrl = Receiver.Url + "/webhooks/xero", webhookKey = "xero-dev-webhook-key",
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        // Xero sends nothing until the receiver has passed intent-to-receive.
        if (xero.GetProperty("webhookStatus").GetString() != "Active")
            throw new InvalidOperationException("The receiver failed Xero's intent-to-receive: " + xero);
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null) await _worker.DisposeAsync();
        if (Receiver is not null) await Receiver.DisposeAsync();
        await Sync.DisposeAsync();
    }
}
