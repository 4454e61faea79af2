using System.Diagnostics;

namespace IntegrationHub.AppHost;

/// <summary>
/// One child process, restartable: its output streams to the console under its tag and into a tail kept for error messages.
/// Once stopped it refuses to start again, so a restart racing with shutdown cannot leave an orphan.
/// </summary>
public sealed class ServiceProcess(string name, Func<ProcessStartInfo> startInfo, ConsolePrefixer console, LeftoverChildren? registry = null)
{
    private readonly LogTail _tail = new(200);
    private readonly Lock _gate = new();
    private Process? _process;
    private bool _stopped;

    public string Name { get; } = name;
    public int? Pid { get { lock (_gate) return _process?.Id; } }

    public string RecentOutput(int lines = 30) => _tail.Render(lines);

    public Process Start()
    {
        lock (_gate)
        {
            if (_stopped) throw new OperationCanceledException($"{Name} is stopping");
            var psi = startInfo();
            psi.RedirectStandardOutput = psi.RedirectStandardError = true;
            psi.UseShellExecute = false;
            var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) => Forward(e.Data, isError: false);
            process.ErrorDataReceived += (_, e) => Forward(e.Data, isError: true);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process?.Dispose();
            _process = process;
            registry?.Record(process.Id);
            console.Info($"{Name} started (pid {process.Id})");
            return process;
        }
    }

    /// <summary>SIGTERM, then the whole process tree is killed if it has not exited within the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Process? process;
        lock (_gate)
        {
            _stopped = true;
            process = _process;
        }
        if (process is null || process.HasExited) return;
        Native.Terminate(process.Id);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            console.Error($"{Name} (pid {process.Id}) did not stop within {grace.TotalSeconds:0} s; killing its process tree");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private void Forward(string? line, bool isError)
    {
        if (line is null) return;
        _tail.Add(line);
        console.Line(Name, line, isError);
    }
}
