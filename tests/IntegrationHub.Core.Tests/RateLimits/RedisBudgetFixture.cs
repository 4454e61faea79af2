using IntegrationHub.Core.Connections;
using IntegrationHub.Core.RateLimits;
using IntegrationHub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace IntegrationHub.Core.Tests.RateLimits;

/// <summary>The test Redis, reached through several independent multiplexers as several worker processes would.</summary>
public sealed class RedisBudgetFixture : IAsyncLifetime
{
    public IConnectionMultiplexer[] Processes { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        await TestServers.EnsureStartedAsync();
        Processes = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
            (IConnectionMultiplexer)await ConnectionMultiplexer.ConnectAsync(TestServers.Redis.ConnectionString)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Processes) await process.DisposeAsync();
    }

    public static RateLimitOptions Options(Action<RateLimitOptions>? configure = null)
    {
        var options = new RateLimitOptions { WindowPadding = TimeSpan.Zero, ConcurrencyPoll = TimeSpan.FromMilliseconds(10) };
        configure?.Invoke(options);
        return options;
    }

    public RateBudget Budget(RateLimitOptions options, int process = 0) =>
        new(Processes[process], Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);

    public ConnectionRateLimiter Limiter(RateLimitOptions options, int process = 0) =>
        new(Budget(options, process), Microsoft.Extensions.Options.Options.Create(options),
            new ProviderSettings(new ConfigurationBuilder().Build(), new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), TimeProvider.System),
            TimeProvider.System, NullLogger<ConnectionRateLimiter>.Instance);

    /// <summary>A provider name of its own per test, so tests never share keys.</summary>
    public static string Provider() => "test" + Guid.NewGuid().ToString("N")[..12];
}
