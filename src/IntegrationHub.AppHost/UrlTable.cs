namespace IntegrationHub.AppHost;

/// <summary>The block printed once every service is healthy: where to click, and how to log in.</summary>
public static class UrlTable
{
    public const string ReadyLine = "IntegrationHub is ready.";

    public static IReadOnlyList<string> Render(IReadOnlyDictionary<string, Uri> urls, string? hangfire, AppHostOptions options, string stateDirectory)
    {
        var rows = new List<(string What, string Where)>
        {
            ("Portal", Url(urls["web"])),
            ("API", Url(urls["api"])),
            ("API docs (Scalar)", Url(urls["api"], "scalar")),
            ("Simulators", Url(urls["simulators"])),
            ("Webhook receiver", Url(urls["webhookreceiver"])),
            ("Sync worker", Url(urls["syncworker"])),
        };
        if (hangfire is not null) rows.Add(("Jobs (Hangfire)", hangfire));
        rows.AddRange(urls.OrderBy(u => u.Key).Select(u => ($"Metrics: {u.Key}", Url(u.Value, "metrics"))));
        var width = rows.Max(r => r.What.Length) + 2;
        var rule = new string('─', 72);
        return
        [
            "",
            rule,
            .. rows.Select(r => "  " + r.What.PadRight(width) + r.Where),
            "",
            $"  Demo login: owner@demo.local / {options.DemoPassword}   (operator: operator@demo.local)",
            $"  State: {stateDirectory}    Stop: Ctrl+C",
            rule,
            UrlTable.ReadyLine,
        ];
    }

    private static string Url(Uri baseUrl, string path = "") => new Uri(baseUrl, path).ToString();
}
