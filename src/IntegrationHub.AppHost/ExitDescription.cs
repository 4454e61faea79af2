namespace IntegrationHub.AppHost;

/// <summary>.NET reports a process killed by a signal as 128 + the signal number; saying so saves a trip to a signal table.</summary>
public static class ExitDescription
{
    public static string Of(int exitCode) => exitCode switch
    {
        134 => "code 134 (aborted: an unhandled exception)",
        137 => "code 137 (killed: SIGKILL, often the out-of-memory killer)",
        143 => "code 143 (terminated: SIGTERM)",
        > 128 and < 160 => $"code {exitCode} (signal {exitCode - 128})",
        _ => $"code {exitCode}",
    };
}
