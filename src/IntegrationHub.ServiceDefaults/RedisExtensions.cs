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
        options.ClientName = builder.Environment.ApplicationName;
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        return builder;
    }
}
