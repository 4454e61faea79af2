using IntegrationHub.Web.Api;
using MudBlazor;

namespace IntegrationHub.Web.Components.Shared;

/// <summary>How the portal names and colours connectors, categories, connection statuses and sync directions.</summary>
public static class ConnectionStyle
{
    /// <summary>The product's categories in the order the catalog shows them; a category only appears when it has a connector.</summary>
    public static IReadOnlyList<(string Key, string Title)> Categories { get; } =
    [
        ("accounting", "Accounting"), ("erp", "ERP"), ("crm", "CRM"), ("ecommerce", "E-commerce"), ("banking", "Banking"),
        ("payments", "Payments"), ("shipping", "Shipping"), ("messaging", "Messaging"),
    ];

    public static string CategoryTitle(string key) =>
        Categories.FirstOrDefault(c => c.Key == Normalise(key)).Title ?? (key.Length > 0 ? char.ToUpperInvariant(key[0]) + key[1..] : "Other");

    /// <summary>Catalog entries grouped by category in the product's order; unknown categories follow, alphabetically.</summary>
    public static IReadOnlyList<(string Title, IReadOnlyList<CatalogEntry> Entries)> Group(IEnumerable<CatalogEntry> entries) =>
        entries.GroupBy(e => Normalise(e.Category))
            .OrderBy(g => Categories.Select(c => c.Key).ToList().IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (CategoryTitle(g.Key), (IReadOnlyList<CatalogEntry>)g.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList()))
            .ToList();

    private static string Normalise(string category) => category.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>"QuickBooks Online" → "QO"; "Xero" → "XE".</summary>
    public static string Monogram(string name)
    {
        var words = name.Split([' ', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return "?";
        return words.Length == 1
            ? words[0][..Math.Min(2, words[0].Length)].ToUpperInvariant()
            : string.Concat(words.Take(2).Select(w => char.ToUpperInvariant(w[0])));
    }

    public static string StatusLabel(string status) => status switch
    {
        "active" => "Active",
        "pending" => "Not authorised yet",
        "needs_reauth" => "Needs reconnecting",
        "error" => "Error",
        "disabled" => "Disconnected",
        _ => status,
    };

    public static Color StatusColor(string status) => status switch
    {
        "active" => Color.Success,
        "needs_reauth" => Color.Warning,
        "error" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>["inbound", "outbound"] → "Both ways"; ["inbound"] → "Into the hub".</summary>
    public static string Directions(IReadOnlyList<string> directions) =>
        (directions.Contains("inbound"), directions.Contains("outbound")) switch
        {
            (true, true) => "Both ways",
            (true, false) => "Into the hub",
            (false, true) => "Out to the provider",
            _ => "—",
        };

    /// <summary>The directions a user may choose for an entity: what the connector supports, plus "both" when it supports both.</summary>
    public static IReadOnlyList<string> DirectionChoices(IReadOnlyList<string> supported)
    {
        var choices = supported.Where(d => d is "inbound" or "outbound").ToList();
        if (choices.Count == 2) choices.Add("both");
        return choices;
    }

    public static string DirectionLabel(string direction) => direction switch
    {
        "inbound" => "Inbound (provider → hub)",
        "outbound" => "Outbound (hub → provider)",
        "both" => "Both ways",
        _ => direction,
    };

    public static string EnvironmentLabel(string environment) => environment switch
    {
        "simulator" => "Simulator (local, no network)",
        "sandbox" => "Sandbox",
        "production" => "Production",
        _ => environment,
    };
}
