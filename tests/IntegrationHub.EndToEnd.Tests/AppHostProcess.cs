using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using IntegrationHub.Testing;

namespace IntegrationHub.EndToEnd.Tests;

/// <summary>
/// The real AppHost as a child process (dotnet IntegrationHub.AppHost.dll), with its output captured line by line so tests
/// can wait for the ready line, read the pids of the processes it started, and show its log when something fails.
/// </summary>
public sealed partial class AppHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    private AppHostProcess(IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        psi.ArgumentList.Add(DllPath);
        foreach (var (key, value) in environment) psi.Environment[key] = value;
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _exited.TrySetResult();
    }

    /// <summary>src/IntegrationHub.AppHost/bin/&lt;same configuration as these tests&gt;/net10.0/IntegrationHub.AppHost.dll.</summary>
    public static string DllPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent?.Name ?? "Debug";
            return Path.Combine(RepoPaths.Root, "src", "IntegrationHub.AppHost", "bin", configuration, "net10.0", "IntegrationHub.AppHost.dll");
        }
    }

    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static AppHostProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(DllPath)) throw new InvalidOperationException($"{DllPath} is missing: build the solution first.");
        var host = new AppHostProcess(environment);
        host._process.Start();
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    public string Output
    {
        get { lock (_gate) return string.Join('\n', _lines); }
    }

    /// <summary>Pids the AppHost reported ("api started (pid 123)"), including restarted ones and the migrator.</summary>
    public IReadOnlyList<int> ChildPids
    {
        get { lock (_gate) return _lines.Select(l => StartedLine().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList(); }
    }

    /// <summary>Completes when a line matches; fails early with the whole log if the AppHost exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.Any(match)) return;
            _waiters.Add((match, seen));
        }
        var finished = await Task.WhenAny(seen.Task, _exited.Task, Task.Delay(timeout));
        if (finished == seen.Task) return;
        var why = finished == _exited.Task ? $"the AppHost exited with code {_process.ExitCode}" : $"nothing matched within {timeout.TotalSeconds:0} s";
        throw new InvalidOperationException($"Waiting for the AppHost failed: {why}. Its output:\n{Tail(120)}");
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout) => await Task.WhenAny(_exited.Task, Task.Delay(timeout)) == _exited.Task;

    /// <summary>SIGTERM, as a container runtime or systemd would send; Process.Kill would be SIGKILL on Linux.</summary>
    public void Terminate() => _ = Kill(_process.Id, 15);

    public string Tail(int lines)
    {
        lock (_gate) return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - lines)));
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    [GeneratedRegex(@"\] +\S+ started \(pid (\d+)\)")]
    private static partial Regex StartedLine();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
