namespace IntegrationHub.AppHost;

/// <summary>
/// Where the sibling projects' build outputs are: src/&lt;Project&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;Project&gt;.dll.
/// The AppHost runs from its own bin folder, so both the repository root and the configuration are read from there.
/// </summary>
public sealed record RepoLayout(string Root, string Configuration)
{
    private const string TargetFramework = "net10.0";

    public static RepoLayout Discover()
    {
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Environment.CurrentDirectory)
            ?? throw new StartupException("IntegrationHub.sln not found above " + AppContext.BaseDirectory);
        return new RepoLayout(root, DetectConfiguration());
    }

    public string ProjectDirectory(string project) => Path.Combine(Root, "src", project);

    public string ProjectDll(string project)
    {
        var dll = Path.Combine(ProjectDirectory(project), "bin", Configuration, TargetFramework, project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new StartupException($"{dll} is missing; build the solution first: dotnet build IntegrationHub.sln -c {Configuration}");
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln"))) return dir.FullName;
        }
        return null;
    }

    // bin/<Configuration>/net10.0/ — so a Release AppHost starts Release services.
    private static string DetectConfiguration()
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return tfmDir.Name == TargetFramework && tfmDir.Parent is { Parent.Name: "bin" } configDir ? configDir.Name : "Debug";
    }
}
