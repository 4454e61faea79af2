namespace IntegrationHub.AppHost;

/// <summary>
/// One AppHost per state directory: an exclusive lock on .hub/apphost.lock, held for the process lifetime and released by the
/// OS even if the AppHost is killed, so a stale file never blocks the next start. The owner's pid sits beside it for the message.
/// </summary>
public sealed class SingleInstanceLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private SingleInstanceLock(FileStream @lock, string pidFile) => (_lock, _pidFile) = (@lock, pidFile);

    public static SingleInstanceLock? TryAcquire(string stateDirectory, out string? ownerPid)
    {
        Directory.CreateDirectory(stateDirectory);
        var pidFile = Path.Combine(stateDirectory, "apphost.pid");
        try
        {
            var stream = new FileStream(Path.Combine(stateDirectory, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(pidFile, Environment.ProcessId + "\n");
            ownerPid = null;
            return new SingleInstanceLock(stream, pidFile);
        }
        catch (IOException)
        {
            ownerPid = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : "unknown";
            return null;
        }
    }

    public void Dispose()
    {
        File.Delete(_pidFile);
        _lock.Dispose();
    }
}
