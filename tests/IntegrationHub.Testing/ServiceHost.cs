using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Testing;

/// <summary>
/// One of the product's services (SyncWorker, WebhookReceiver, …) in-process exactly as it ships — its own Program and
/// service registration — on a test database and the run's Redis, with extra settings and, where a test needs it,
/// replaced services. <see cref="Start"/> builds it in-process; <see cref="Listen"/> also serves it on Kestrel.
/// </summary>
public class ServiceHost<TProgram>(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null) : WebApplicationFactory<TProgram> where TProgram : class
{
    public string Url => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public ServiceHost<TProgram> Start()
    {
        _ = Services;
        return this;
    }

    public ServiceHost<TProgram> Listen()
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
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }
}
