using System.Diagnostics;

namespace IntegrationHub.LocalInfra;

/// <summary>Runs short helper commands (initdb, pg_ctl, chmod) and fails with their output when they fail.</summary>
public static class ProcessRunner
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, CancellationToken ct = default, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout) + (await stderr);
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}: {output.Trim()}");
        }
        return output;
    }

    /// <summary>PostgreSQL refuses to run as root, so as root its tools run as the unprivileged 'postgres' OS user.</summary>
    public static Task<string> RunAsPostgresAsync(string file, IEnumerable<string> args, CancellationToken ct = default, bool throwOnError = true) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args], ct, throwOnError) : RunAsync(file, args, ct, throwOnError);

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
