using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Shared;

/// <summary>The simulator's own base URL: configured, else the first address Kestrel bound.</summary>
public sealed class PublicUrl(IOptionsMonitor<SimulatorOptions> options, IServer server)
{
    public string Base
    {
        get
        {
            var configured = options.CurrentValue.PublicBaseUrl;
            if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
            var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (bound ?? "http://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/');
        }
    }
}
