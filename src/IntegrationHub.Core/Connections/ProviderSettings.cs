using IntegrationHub.Core.Connectors;
using Microsoft.Extensions.Configuration;

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
public sealed class ProviderSettings(IConfiguration configuration)
{
    /// <summary>Published development credentials of the bundled simulators' default apps; real providers need configured ones.</summary>
    private static readonly Dictionary<string, ProviderApp> SimulatorApps = new()
    {
        ["quickbooks"] = new("qbo-dev-client", "qbo-dev-secret"),
        ["xero"] = new("xero-dev-client", "xero-dev-secret"),
    };

    public string DefaultEnvironment => configuration["Providers:DefaultEnvironment"] is { Length: > 0 } env ? env
        : configuration["services:simulators:http:0"] is { Length: > 0 } ? "simulator" : "production";

    public ProviderApp App(ConnectorMetadata connector, string environment)
    {
        var section = configuration.GetSection($"Providers:{connector.Key}:{environment}");
        if (section["ClientId"] is { Length: > 0 } id) return new ProviderApp(id, section["ClientSecret"]);
        if (environment == "simulator" && SimulatorApps.TryGetValue(connector.Key, out var dev)) return dev;
        throw new InvalidOperationException(
            $"No client credentials for {connector.Name} ({environment}); set Providers__{connector.Key}__{environment}__ClientId and __ClientSecret.");
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
