using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    /// <summary>One multiplexer per process from ConnectionStrings:redis; it reconnects by itself, so a Redis outage delays, never crashes.</summary>
    public static TBuilder AddHubRedis<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var options = ConfigurationOptions.Parse(builder.Configuration.RequireConnectionString("redis"));
        options.AbortOnConnectFail = false;
        // A loaded host (or a cloud Redis after failover) can take more than the 5 s default to accept a connection.
        options.ConnectTimeout = Math.Max(options.ConnectTimeout, 15_000);
        options.AsyncTimeout = Math.Max(options.AsyncTimeout, 10_000);
        options.ClientName = builder.Environment.ApplicationName;
        // Connected here, once, rather than by a lazy singleton factory: Connect is synchronous, and a burst of first
        // requests resolving a lazy factory would block one thread connecting and every other one on the singleton's lock.
        // With AbortOnConnectFail off this returns even when Redis is down, and the multiplexer reconnects by itself.
        // Returned from a factory so the host still disposes it.
        var multiplexer = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => multiplexer);
        return builder;
    }
}
