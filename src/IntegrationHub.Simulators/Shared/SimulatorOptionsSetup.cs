using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Shared;

/// <summary>
/// Fills vendor defaults after binding. Lists are defaulted here rather than in initialisers
/// because the configuration binder appends to a pre-filled list instead of replacing it.
/// </summary>
public sealed class SimulatorOptionsSetup : IPostConfigureOptions<SimulatorOptions>
{
    public const string QboDevClientId = "qbo-dev-client";
    public const string QboDevSecret = "qbo-dev-secret";
    public const string QboDevVerifier = "qbo-dev-verifier-token";
    public const string XeroDevClientId = "xero-dev-client";
    public const string XeroDevSecret = "xero-dev-secret";
    public const string XeroDevWebhookKey = "xero-dev-webhook-key";

    public void PostConfigure(string? name, SimulatorOptions options)
    {
        var qbo = options.Qbo;
        qbo.AccessTokenLifetime ??= TimeSpan.FromHours(1);
        qbo.RefreshTokenLifetime ??= TimeSpan.FromDays(100);
        qbo.RefreshTokenGrace ??= TimeSpan.Zero;
        if (qbo.Apps.Count == 0) qbo.Apps.Add(DevApp(QboDevClientId, QboDevSecret, QboDevVerifier));

        var xero = options.Xero;
        xero.AccessTokenLifetime ??= TimeSpan.FromMinutes(30);
        xero.RefreshTokenLifetime ??= TimeSpan.FromDays(60);
        xero.RefreshTokenGrace ??= TimeSpan.FromMinutes(30);
        if (xero.Apps.Count == 0) xero.Apps.Add(DevApp(XeroDevClientId, XeroDevSecret, XeroDevWebhookKey));

        if (options.Webhooks.RetryDelays.Count == 0)
        {
            options.Webhooks.RetryDelays.AddRange(
                [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1), TimeSpan.FromHours(3)]);
        }
    }

    private static AppRegistration DevApp(string id, string secret, string key) => new()
    {
        ClientId = id,
        ClientSecret = secret,
        WebhookKey = key,
        // Loopback on any port (RFC 8252 style): the hub's callback port differs between ./hub up and tests.
        RedirectUris = ["http://localhost/callback", "http://127.0.0.1/callback", "http://127.0.0.1:*", "http://localhost:*"],
    };
}
