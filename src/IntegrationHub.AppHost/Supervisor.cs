namespace IntegrationHub.AppHost;

/// <summary>Starts the services and restarts any that exit on their own, with exponential backoff, until the stack stops.</summary>
public sealed class Supervisor(IReadOnlyList<ServiceProcess> services, ConsolePrefixer console, CancellationToken stopping)
{
    private readonly List<Task> _watchers = [];

    public IReadOnlyList<ServiceProcess> Services => services;

    public void StartAll()
    {
        foreach (var service in services) _watchers.Add(WatchAsync(service));
    }

    public async Task StopAllAsync(TimeSpan grace)
    {
        await Task.WhenAll(services.Select(s => s.StopAsync(grace)));
        await Task.WhenAll(_watchers);
    }

    private async Task WatchAsync(ServiceProcess service)
    {
        var failures = 0;
        while (true)
        {
            var startedAt = DateTime.UtcNow;
            int exitCode;
            try
            {
                // Not disposed here: the ServiceProcess owns it until the next start or the stop.
                var process = service.Start();
                await process.WaitForExitAsync(CancellationToken.None);
                exitCode = process.ExitCode;
            }
            catch (OperationCanceledException)
            {
                return; // stopped before it could (re)start
            }
            if (stopping.IsCancellationRequested) return;

            var uptime = DateTime.UtcNow - startedAt;
            failures = uptime >= Backoff.StableAfter ? 1 : failures + 1;
            var delay = Backoff.Delay(failures);
            console.Error($"{service.Name} exited with {ExitDescription.Of(exitCode)} after {uptime.TotalSeconds:0.#} s; " +
                          $"restarting in {delay.TotalSeconds:0} s (crash {failures} in a row). Last output:\n{service.RecentOutput(10)}");
            try
            {
                await Task.Delay(delay, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
