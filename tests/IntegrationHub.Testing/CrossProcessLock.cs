namespace IntegrationHub.Testing;

/// <summary>An exclusive file lock: test projects run as parallel processes and must not initialise servers twice.</summary>
public sealed class CrossProcessLock : IAsyncDisposable
{
    private readonly FileStream _stream;
    private CrossProcessLock(FileStream stream) => _stream = stream;

    public static async Task<CrossProcessLock> AcquireAsync(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new CrossProcessLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
