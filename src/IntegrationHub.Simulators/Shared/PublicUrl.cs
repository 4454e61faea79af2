using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Simulators.Shared;

/// <summary>
/// The simulator's own base URL: <c>Simulators:PublicBaseUrl</c>, else the address the AppHost
/// announces for it (Aspire's <c>services__simulators__http__0</c>), else the first address Kestrel bound.
/// </summary>
public sealed class PublicUrl(IOptionsMonitor<SimulatorOptions> options, IConfiguration configuration, IServer server)
{
    public string Base
    {
        get
        {
            var configured = options.CurrentValue.PublicBaseUrl;
            if (!string.IsNullOrWhiteSpace(configured)) return configured.TrimEnd('/');
            var announced = configuration["services:simulators:http:0"];
            if (!string.IsNullOrWhiteSpace(announced)) return announced.TrimEnd('/');
            var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return (bound ?? "http://localhost").Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost").TrimEnd('/');
        }
    }
}
