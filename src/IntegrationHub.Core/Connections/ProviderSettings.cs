using System.Collections.Concurrent;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Connections;

/// <summary>The hub's own app registration at a provider, per environment: Providers:{key}:{environment}:ClientId / ClientSecret.</summary>
public sealed record ProviderApp(string ClientId, string? ClientSecret)
{
    public override string ToString() => $"ProviderApp {{ ClientId = {ClientId}, ClientSecret = *** }}";
}

/// <summary>
/// Resolves a connector's URLs and the hub's client credentials for one environment. URLs in metadata may hold
/// {simulators} (the simulators' base address, from Aspire's services:simulators:http:0) and {tenant} (the external tenant id).
/// </summary>
public sealed class ProviderSettings(IConfiguration configuration, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>How long a process trusts its copy of a stored app credential; a rotation reaches every process within it.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (ProviderApp? App, DateTimeOffset Until)> _stored = new();

    /// <summary>Published development credentials of the bundled simulators' default apps; real providers need configured ones.</summary>
    private static readonly Dictionary<string, ProviderApp> SimulatorApps = new()
    {
        ["quickbooks"] = new("qbo-dev-client", "qbo-dev-secret"),
        ["xero"] = new("xero-dev-client", "xero-dev-secret"),
    };

    /// <summary>Published webhook keys of the bundled simulators' default apps (QBO verifier token, Xero signing key).</summary>
    private static readonly Dictionary<string, string> SimulatorWebhookKeys = new()
    {
        ["quickbooks"] = "qbo-dev-verifier-token",
        ["xero"] = "xero-dev-webhook-key",
    };

    public string DefaultEnvironment => configuration["Providers:DefaultEnvironment"] is { Length: > 0 } env ? env
        : configuration["services:simulators:http:0"] is { Length: > 0 } ? "simulator" : "production";

    /// <summary>
    /// The app credential for a connector and environment: the operator-managed one in the secret store when present,
    /// else Providers:{key}:{environment}:ClientId/ClientSecret from configuration, else the simulators' dev app.
    /// </summary>
    public async Task<ProviderApp> AppAsync(ConnectorMetadata connector, string environment, CancellationToken ct)
    {
        if (await StoredAsync(connector.Key, environment, ct) is { } stored) return stored;
        if (Configured(connector.Key, environment) is { } configured) return configured.App;
        throw new ProviderNotConfiguredException(
            $"No client credentials for {connector.Name} ({environment}); an operator sets them under Providers in the portal or API, " +
            $"or set Providers__{connector.Key}__{environment}__ClientId and __ClientSecret.");
    }

    /// <summary>Where the credential for a connector and environment comes from when none is stored: configuration, simulator, or none.</summary>
    public string? ConfiguredSource(string connectorKey, string environment) => Configured(connectorKey, environment)?.Source;

    public void Forget(string connectorKey, string environment)
    {
        _stored.TryRemove(ProviderApps.SecretName(connectorKey, environment), out _);
        _webhookKeys.TryRemove(ProviderApps.WebhookKeyName(connectorKey, environment), out _);
    }

    private readonly ConcurrentDictionary<string, (string? Key, DateTimeOffset Until)> _webhookKeys = new();

    /// <summary>
    /// The key a provider signs its webhooks with (QBO verifier token, Xero webhook key, Shopify/HubSpot client
    /// secret…): the operator-managed one in the secret store (providers/{key}/{environment}/webhook-key) when present,
    /// else Providers:{key}:{environment}:WebhookKey, else the simulators' dev key; null when none is known.
    /// </summary>
    public async Task<string?> WebhookKeyAsync(string connectorKey, string environment, CancellationToken ct)
    {
        var name = ProviderApps.WebhookKeyName(connectorKey, environment);
        if (!_webhookKeys.TryGetValue(name, out var cached) || cached.Until <= clock.GetUtcNow())
        {
            await using var scope = scopes.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<ISecretStore>().GetAsync(name, ct: ct);
            _webhookKeys[name] = cached = (stored?.Value, clock.GetUtcNow() + CacheFor);
        }
        if (cached.Key is { Length: > 0 } key) return key;
        if (configuration[$"Providers:{connectorKey}:{environment}:WebhookKey"] is { Length: > 0 } configured) return configured;
        return environment == "simulator" && SimulatorWebhookKeys.TryGetValue(connectorKey, out var dev) ? dev : null;
    }

    private (ProviderApp App, string Source)? Configured(string connectorKey, string environment)
    {
        var section = configuration.GetSection($"Providers:{connectorKey}:{environment}");
        if (section["ClientId"] is { Length: > 0 } id) return (new ProviderApp(id, section["ClientSecret"]), "configuration");
        return environment == "simulator" && SimulatorApps.TryGetValue(connectorKey, out var dev) ? (dev, "simulator") : null;
    }

    private async Task<ProviderApp?> StoredAsync(string connectorKey, string environment, CancellationToken ct)
    {
        var name = ProviderApps.SecretName(connectorKey, environment);
        if (_stored.TryGetValue(name, out var cached) && cached.Until > clock.GetUtcNow()) return cached.App;
        await using var scope = scopes.CreateAsyncScope();
        var app = await ProviderApps.LoadAsync(scope.ServiceProvider.GetRequiredService<ISecretStore>(), connectorKey, environment, ct);
        _stored[name] = (app, clock.GetUtcNow() + CacheFor);
        return app;
    }

    public string Url(string template, string? externalTenantId = null)
    {
        var url = template;
        if (url.Contains("{simulators}"))
        {
            var simulators = configuration["services:simulators:http:0"]
                ?? throw new InvalidOperationException("The simulator environment needs services__simulators__http__0 (set by the AppHost).");
            url = url.Replace("{simulators}", simulators.TrimEnd('/'));
        }
        return externalTenantId is null ? url : url.Replace("{tenant}", Uri.EscapeDataString(externalTenantId));
    }
}
