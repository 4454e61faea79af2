namespace IntegrationHub.AppHost;

/// <summary>Runs the one-shot migrator to completion before any service starts; services never migrate themselves.</summary>
public static class MigratorRunner
{
    private const string Project = "IntegrationHub.Migrator";

    public static async Task RunAsync(AppHostOptions options, IReadOnlyDictionary<string, string> environment, ConsolePrefixer console, CancellationToken ct)
    {
        var dll = options.Repo.ProjectDll(Project);
        var migrator = new ServiceProcess("migrator",
            () => ChildEnvironment.ForDll(dll, options.Repo.ProjectDirectory(Project), ["--seed-demo"], environment), console);
        var process = migrator.Start();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            await migrator.StopAsync(TimeSpan.FromSeconds(5));
            throw;
        }
        if (process.ExitCode != 0)
        {
            throw new StartupException($"The migrator failed with exit {ExitDescription.Of(process.ExitCode)}; nothing else was started. Its output:\n" +
                                       migrator.RecentOutput(60));
        }
    }
}
