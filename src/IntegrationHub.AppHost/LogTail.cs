namespace IntegrationHub.AppHost;

/// <summary>The last lines a process printed, kept to explain why it failed to start or become healthy.</summary>
public sealed class LogTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity) _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public string Render(int count)
    {
        lock (_gate)
        {
            var lines = _lines.Skip(Math.Max(0, _lines.Count - count)).ToList();
            return lines.Count == 0 ? "    (no output)" : string.Join('\n', lines.Select(l => "    " + l));
        }
    }
}
