using System.Diagnostics;

namespace IntegrationHub.AppHost;

/// <summary>
/// The pids of the services this AppHost started, in the state directory. An AppHost killed outright (SIGKILL, the
/// out-of-memory killer) cannot stop its children; they would keep the ports and answer /health for the next start.
/// So the next start, holding the instance lock, kills whichever of them still run.
/// </summary>
public sealed class LeftoverChildren(string stateDirectory)
{
    private readonly string _file = Path.Combine(stateDirectory, "apphost.children");
    private readonly Lock _gate = new();

    public void Record(int pid)
    {
        lock (_gate) File.AppendAllText(_file, pid + "\n");
    }

    public void Clear() => File.Delete(_file);

    public IReadOnlyList<int> KillAll()
    {
        if (!File.Exists(_file)) return [];
        var killed = new List<int>();
        foreach (var pid in File.ReadAllLines(_file).Select(l => int.TryParse(l, out var p) ? p : 0).Where(p => p > 0))
        {
            // The pid may have been reused by an unrelated process since: only ours run an IntegrationHub dll.
            if (!IsOurs(pid)) continue;
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(5));
                killed.Add(pid);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Exited in the meantime.
            }
        }
        Clear();
        return killed;
    }

    private static bool IsOurs(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("IntegrationHub.", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
