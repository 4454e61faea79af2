using System.Runtime.InteropServices;

namespace IntegrationHub.AppHost;

/// <summary>
/// On Linux Process.Kill always sends SIGKILL; a graceful stop needs SIGTERM, which .NET and Redis turn into an orderly shutdown.
/// </summary>
internal static partial class Native
{
    private const int SigTerm = 15;

    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
