using System.Diagnostics;

namespace IntegrationHub.Testing;

/// <summary>
/// The real SyncWorker as a child process on a test database, for fault tests (kill -9 mid-job, takeover by another
/// worker). Build the SyncWorker first; <paramref name="settings"/> are passed as environment variables in the
/// configuration's double-underscore form, e.g. ("Jobs__InvisibilityTimeout", "00:00:15").
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private WorkerProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public IReadOnlyList<string> Output { get { lock (_output) return [.. _output]; } }

    public static string DllPath(string configuration = "Debug") =>
        Path.Combine(RepoPaths.Root, "src", "IntegrationHub.SyncWorker", "bin", configuration, "net10.0", "IntegrationHub.SyncWorker.dll");

    public static WorkerProcess Start(TestDatabase database, params (string Key, string Value)[] settings)
    {
        var dll = DllPath();
        if (!File.Exists(dll)) throw new FileNotFoundException("Build src/IntegrationHub.SyncWorker before starting it as a process.", dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__hubdb"] = database.ConnectionString;
        start.Environment["ConnectionStrings__redis"] = database.RedisConnectionString;
        start.Environment["Secrets__KeyFile"] = Path.Combine(TestServers.Directory, "master.key");
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings) start.Environment[key] = value;
        var worker = new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The SyncWorker did not start."));
        worker._process.OutputDataReceived += (_, e) => worker.Capture(e.Data);
        worker._process.ErrorDataReceived += (_, e) => worker.Capture(e.Data);
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        return worker;
    }

    private void Capture(string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add(line);
    }

    /// <summary>Waits until the worker has logged a line containing <paramref name="text"/> (e.g. "Application started").</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The SyncWorker exited with {_process.ExitCode}:\n{string.Join('\n', Output.TakeLast(40))}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The SyncWorker did not log '{text}' within {timeout}:\n{string.Join('\n', Output.TakeLast(40))}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown, no cleanup — its jobs stay fetched until the invisibility timeout passes.</summary>
    public void KillHard()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
