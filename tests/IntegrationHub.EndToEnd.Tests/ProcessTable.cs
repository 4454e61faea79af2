namespace IntegrationHub.EndToEnd.Tests;

/// <summary>Whether processes still run, read from /proc (a zombie has exited: it only waits for its parent to reap it).</summary>
public static class ProcessTable
{
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            // Format: "pid (comm) state ..."; comm may contain spaces, so read after the last ')'.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IReadOnlyList<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var running = pids.Where(IsRunning).ToList();
            if (running.Count == 0 || DateTime.UtcNow >= deadline) return running;
            await Task.Delay(200);
        }
    }
}
