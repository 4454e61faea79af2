namespace IntegrationHub.Simulators.Tests.Infrastructure;

/// <summary>
/// Finds the vendors' published descriptions: the copy kept in the repository (vendor-specs/, QBO and Xero only, so a
/// bare clone tests itself), else shared/vendor-specs beside or above the repository.
/// </summary>
public static class SpecPaths
{
    public static readonly Lazy<string> Root = new(Find);

    public static string Xero(string file) => Path.Combine(Root.Value, "xero", file);

    public static string QboXsd => Path.Combine(Root.Value, "quickbooks", "xsd");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var own = Path.Combine(dir.FullName, "vendor-specs");
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")) && Directory.Exists(own)) return own;
            var inside = Path.Combine(dir.FullName, "shared", "vendor-specs");
            if (Directory.Exists(inside)) return inside;
            var sibling = Path.Combine(dir.FullName, "..", "shared", "vendor-specs");
            if (Directory.Exists(sibling)) return Path.GetFullPath(sibling);
        }
        throw new DirectoryNotFoundException("shared/vendor-specs not found above " + AppContext.BaseDirectory);
    }
}
