using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Core.Credentials.Embedded;

/// <summary>
/// Where master keys come from: `Secrets:MasterKeys` (base64 keys, current first) in configuration, else a key
/// file (`Secrets:KeyFile`, default .hub/master.key at the repository root) that is created on first start.
/// The file holds one base64 key per line, current first; rotation prepends a new line.
/// </summary>
public static class MasterKeySource
{
    public static MasterKeyRing Load(IConfiguration configuration, string defaultKeyFile)
    {
        var configured = configuration.GetSection("Secrets:MasterKeys").Get<string[]>();
        if (configured is { Length: > 0 }) return new MasterKeyRing(configured.Select(Convert.FromBase64String).ToList());
        return new MasterKeyRing(LoadOrCreateFile(configuration["Secrets:KeyFile"] ?? defaultKeyFile));
    }

    public static IReadOnlyList<byte[]> LoadOrCreateFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            try
            {
                // CreateNew: several services may start at once; exactly one creates the key, the others read it.
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using var writer = new StreamWriter(stream);
                writer.WriteLine(Convert.ToBase64String(MasterKeyRing.NewKey()));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process won the race.
            }
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var lines = File.ReadAllLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
                if (lines.Count > 0 || attempt == 20) return lines.Select(l => Convert.FromBase64String(l.Trim())).ToList();
            }
            catch (IOException) when (attempt < 20)
            {
                // The creator still holds the new file open exclusively (FileShare.None): wait for it like for the flush.
            }
            Thread.Sleep(50); // the creating process has not flushed its line yet
        }
    }

    /// <summary>Prepends a new current key to the key file and returns it; existing keys stay for reading until re-wrapped.</summary>
    public static byte[] PrependNewKey(string path)
    {
        var key = MasterKeyRing.NewKey();
        var existing = File.Exists(path) ? File.ReadAllLines(path) : [];
        File.WriteAllLines(path, [Convert.ToBase64String(key), .. existing]);
        return key;
    }
}
