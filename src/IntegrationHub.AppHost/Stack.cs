namespace IntegrationHub.AppHost;

/// <summary>
/// The order of events: lock the state directory, start PostgreSQL and Redis, migrate to completion, start every service,
/// wait for all /health endpoints, print the URLs, then supervise until SIGINT/SIGTERM and stop everything it started.
/// </summary>
public static class Stack
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(AppHostOptions options)
    {
        using var instance = SingleInstanceLock.TryAcquire(options.StateDirectory, out var ownerPid);
        if (instance is null)
        {
            Console.Error.WriteLine($"IntegrationHub is already running (pid {ownerPid}) with state in {options.StateDirectory}. " +
                                    $"Use that instance, or stop it first (Ctrl+C in its terminal, or kill -INT {ownerPid}).");
            return 3;
        }

        var console = new ConsolePrefixer(options.Color);
        var leftovers = new LeftoverChildren(options.StateDirectory);
        if (leftovers.KillAll() is { Count: > 0 } killed)
        {
            console.Error($"killed {killed.Count} process(es) left running by an AppHost that did not stop cleanly: pid {string.Join(", ", killed)}");
        }
        using var shutdown = new ShutdownSignal(console);
        var infra = new Infrastructure(options, console);
        Supervisor? supervisor = null;
        try
        {
            await infra.StartAsync(shutdown.Token);
            var urls = ServiceCatalog.Services.ToDictionary(s => s.Name, s => new Uri($"http://127.0.0.1:{options.Port(s.DefaultPort)}/"));
            var environment = ChildEnvironment.Build(options, infra, urls);
            await MigratorRunner.RunAsync(options, environment, console, shutdown.Token);

            supervisor = new Supervisor(CreateServices(options, urls, environment, console, leftovers), console, shutdown.Token);
            supervisor.StartAll();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await new HealthWaiter(http, options.HealthTimeout)
                .WaitAllAsync(supervisor.Services.Select(s => (s, urls[s.Name])), shutdown.Token);

            var hangfire = await HangfireProbe.FindAsync(http, [urls["syncworker"], urls["api"]], shutdown.Token);
            console.Block(UrlTable.Render(urls, hangfire, options, options.StateDirectory));
            await Task.Delay(Timeout.Infinite, shutdown.Token);
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.Token.IsCancellationRequested)
        {
            return 0;
        }
        catch (StartupException ex)
        {
            console.Error(ex.Message);
            return 1;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            console.Error($"IntegrationHub could not start: {ex.Message}");
            return 1;
        }
        finally
        {
            if (supervisor is not null)
            {
                console.Info("stopping services");
                await supervisor.StopAllAsync(StopGrace);
            }
            await infra.StopAsync();
            leftovers.Clear();
            console.Info("stopped");
        }
    }

    private static List<ServiceProcess> CreateServices(
        AppHostOptions options, Dictionary<string, Uri> urls, Dictionary<string, string> environment, ConsolePrefixer console,
        LeftoverChildren leftovers) =>
        ServiceCatalog.Services.Select(s =>
        {
            var dll = options.Repo.ProjectDll(s.Project);
            string[] args = ["--urls", urls[s.Name].ToString().TrimEnd('/')];
            return new ServiceProcess(s.Name, () => ChildEnvironment.ForDll(dll, options.Repo.ProjectDirectory(s.Project), args, environment), console, leftovers);
        }).ToList();
}
