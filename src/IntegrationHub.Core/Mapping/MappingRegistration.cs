using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Core.Mapping;

public static class MappingRegistration
{
    /// <summary>The mapping service and the connectors' default rules (pass <c>Connectors.MappingDefaults</c>).</summary>
    public static IServiceCollection AddHubMapping(this IServiceCollection services, ConnectorMappingDefaults defaults) =>
        services.AddSingleton(defaults).AddScoped<MappingService>();
}
