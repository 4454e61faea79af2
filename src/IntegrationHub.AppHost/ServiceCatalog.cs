namespace IntegrationHub.AppHost;

/// <summary>A service the AppHost runs; Name is its Aspire resource name (services__&lt;name&gt;__http__0).</summary>
public sealed record ServiceDefinition(string Name, string Project, int DefaultPort);

public static class ServiceCatalog
{
    public const int PostgresPort = 55432;
    public const int RedisPort = 55379;

    /// <summary>In start order: the simulators first, because the other services call them.</summary>
    public static IReadOnlyList<ServiceDefinition> Services { get; } =
    [
        new("simulators", "IntegrationHub.Simulators", 5300),
        new("api", "IntegrationHub.Api", 5100),
        new("syncworker", "IntegrationHub.SyncWorker", 5200),
        new("webhookreceiver", "IntegrationHub.WebhookReceiver", 5400),
        new("web", "IntegrationHub.Web", 5000),
    ];
}
