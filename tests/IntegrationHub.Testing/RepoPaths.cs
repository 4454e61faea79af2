namespace IntegrationHub.Testing;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest parent of the test binaries that holds IntegrationHub.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shared folder beside the repository (vendor specs, seeds), as CI lays it out.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
    }
}
