extern alias receiver;
extern alias worker;
using System.Net.Http.Json;
using System.Text.Json;
using IntegrationHub.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IntegrationHub.Sync.Tests;

/// <summary>The real WebhookReceiver on Kestrel, with the simulator environment's webhook keys.</summary>
public sealed class ReceiverServer(TestDatabase database) : WebApplicationFactory<receiver::Program>
{
    public string Url => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public ReceiverServer Start()
    {
        UseKestrel(0);
        StartServer();
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:hubdb", database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", database.RedisConnectionString);
        builder.UseSetting("Secrets:KeyFile", Path.Combine(TestServers.Directory, "master.key"));
        builder.UseSetting("Providers:DefaultEnvironment", "simulator");
    }
}

/// <summary>A real SyncWorker in-process (inbox worker, Hangfire job server, the engine with the product's connectors) pointed at the simulator.</summary>
public sealed class WorkerServer(TestDatabase database, string simulatorUrl) : WebApplicationFactory<worker::Program>
{
    public WorkerServer Start()
    {
        _ = Services;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:hubdb", database.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", database.RedisConnectionString);
        builder.UseSetting("Secrets:KeyFile", Path.Combine(TestServers.Directory, "master.key"));
        builder.UseSetting("services:simulators:http:0", simulatorUrl);
        builder.UseSetting("Jobs:WorkerCount", "2");
        builder.UseSetting("Jobs:QueuePollInterval", "00:00:00.250");
        builder.UseSetting("Jobs:DispatchInterval", "00:00:00.250");
        builder.UseSetting("Jobs:ShutdownTimeout", "00:00:05");
    }
}

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
    public ReceiverServer Receiver { get; private set; } = null!;
    private WorkerServer? _worker;

    public async ValueTask InitializeAsync()
    {
        await Sync.InitializeAsync();
        Receiver = new ReceiverServer(Sync.Database).Start();
        _worker = new WorkerServer(Sync.Database, Sync.Simulator.Url).Start();
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
