using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Web.Components.Mapping;

/// <summary>The chart-of-accounts form: the account chosen for each host category, and the lookup table entries it becomes.</summary>
public static class AccountChoices
{
    /// <summary>Starts from the current mapping; with <paramref name="suggest"/> unmapped categories take their best suggestion.</summary>
    public static Dictionary<string, string?> Initial(IReadOnlyList<CategorySuggestions> categories, bool suggest) =>
        categories.ToDictionary(c => c.Category, c => c.MappedTo ?? (suggest ? c.Suggestions.FirstOrDefault()?.Code : null), StringComparer.Ordinal);

    /// <summary>The table's entries after the choices: chosen categories set, cleared ones removed, other keys kept as they were.</summary>
    public static Dictionary<string, string> Entries(IReadOnlyDictionary<string, string>? existing, IReadOnlyDictionary<string, string?> choices)
    {
        var entries = new Dictionary<string, string>(existing ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (category, code) in choices)
        {
            if (string.IsNullOrWhiteSpace(code)) entries.Remove(category);
            else entries[category] = code;
        }
        return entries;
    }

    public static string Label(AccountSuggestion s) => $"{s.Code} · {s.Name}{(s.Type is { } t ? $" ({t})" : "")}";

    public static string Score(AccountSuggestion s) => $"{Math.Round(s.Score * 100)} %";
}
