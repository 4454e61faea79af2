using System.Collections.Concurrent;
using IntegrationHub.Simulators.Shared;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.OAuth;

public enum Vendor { Qbo, Xero }

/// <summary>Registered apps per vendor: from configuration at start, more via the control API.</summary>
public sealed class AppRegistry
{
    private readonly ConcurrentDictionary<(Vendor, string), AppRegistration> _apps = new();

    public AppRegistry(IOptions<SimulatorOptions> options)
    {
        foreach (var app in options.Value.Qbo.Apps) Register(Vendor.Qbo, app);
        foreach (var app in options.Value.Xero.Apps) Register(Vendor.Xero, app);
    }

    public void Register(Vendor vendor, AppRegistration app) => _apps[(vendor, app.ClientId)] = app;

    public AppRegistration? Find(Vendor vendor, string? clientId) =>
        clientId is null ? null : _apps.GetValueOrDefault((vendor, clientId));

    public IEnumerable<AppRegistration> All(Vendor vendor) => _apps.Where(p => p.Key.Item1 == vendor).Select(p => p.Value);
}
