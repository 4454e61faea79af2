using System.Security.Cryptography;
using Npgsql;

namespace IntegrationHub.LocalInfra;

/// <summary>
/// A private PostgreSQL cluster on loopback: its own data directory and port, initialised on first use,
/// reused when already running. The password is random per cluster and kept in a git-ignored file.
/// </summary>
public sealed class LocalPostgres(string directory, int port)
{
    public const string User = "hub";
    public string Directory { get; } = Path.GetFullPath(directory);
    public int Port { get; } = port;
    private string DataDirectory => Path.Combine(Directory, "data");
    private string PasswordFile => Path.Combine(Directory, "pw");

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = User, Password = File.ReadAllText(PasswordFile).Trim(), Database = database,
        Pooling = true, MaxPoolSize = 50, Timeout = 15,
    }.ConnectionString;

    public async Task StartAsync(CancellationToken ct = default)
    {
        if (File.Exists(PasswordFile) && await IsReadyAsync(ct)) return;
        var bin = FindBinDirectory();
        await PrepareDirectoryAsync(ct);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await ProcessRunner.RunAsPostgresAsync(Path.Combine(bin, "initdb"),
                ["-D", DataDirectory, "-U", User, "--auth=scram-sha-256", $"--pwfile={PasswordFile}", "-E", "UTF8", "--no-sync"], ct);
        }
        await ProcessRunner.RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(Directory, "postgres.log"), "-w", "-t", "60", "start", "-o",
             $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=128MB -c fsync=on"], ct);
        if (!await IsReadyAsync(ct)) throw new InvalidOperationException($"PostgreSQL did not accept connections on port {Port}; see {Directory}/postgres.log");
    }

    public async Task StopAsync()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) return;
        await ProcessRunner.RunAsPostgresAsync(Path.Combine(FindBinDirectory(), "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], throwOnError: false);
    }

    /// <summary>A fast restart (active sessions are cut, as in a failover or an operator's restart) with the options it was started with.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await ProcessRunner.RunAsPostgresAsync(Path.Combine(FindBinDirectory(), "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(Directory, "postgres.log"), "-m", "fast", "-w", "-t", "60", "restart"], ct);
        if (!await IsReadyAsync(ct)) throw new InvalidOperationException($"PostgreSQL did not come back on port {Port}; see {Directory}/postgres.log");
    }

    public async Task<bool> IsReadyAsync(CancellationToken ct = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString());
            await connection.OpenAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            return false;
        }
    }

    private async Task PrepareDirectoryAsync(CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (!File.Exists(PasswordFile))
        {
            await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + "\n", ct);
        }
        if (!ProcessRunner.IsRoot) return;
        await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", Directory], ct);
        await ProcessRunner.RunAsync("chmod", ["700", Directory], ct);
        // The postgres user must be able to traverse every parent (a clone under a 0700 temp dir would block it).
        for (var dir = Path.GetDirectoryName(Directory); !string.IsNullOrEmpty(dir) && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            await ProcessRunner.RunAsync("chmod", ["o+x", dir], ct);
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            : null;
        return bin ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql; install them with: apt-get install -y postgresql");
    }
}
