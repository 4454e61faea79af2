namespace IntegrationHub.Core.Mapping;

public sealed record ProviderAccount(string Code, string Name, string? Type, string? Class);

public sealed record AccountSuggestion(string Code, string Name, string? Type, double Score);

public sealed record CategorySuggestions(string Category, string? MappedTo, IReadOnlyList<AccountSuggestion> Suggestions);

/// <summary>
/// Chart-of-accounts suggestions: for each host revenue category, the provider accounts whose names are most alike
/// (token overlap and character bigrams), with income/revenue accounts preferred because invoice lines post revenue.
/// </summary>
public static class AccountSuggestions
{
    private static readonly string[] RevenueWords = ["revenue", "income", "sales"];

    public static IReadOnlyList<CategorySuggestions> Suggest(IEnumerable<string> categories, IReadOnlyList<ProviderAccount> accounts,
        IReadOnlyDictionary<string, string>? current = null, int top = 3) =>
        categories.Distinct(StringComparer.Ordinal).Order(StringComparer.OrdinalIgnoreCase).Select(category => new CategorySuggestions(
            category,
            current?.GetValueOrDefault(category),
            accounts.Select(a => new AccountSuggestion(a.Code, a.Name, a.Type, Math.Round(Score(category, a), 3)))
                .Where(s => s.Score > 0.1).OrderByDescending(s => s.Score).ThenBy(s => s.Code, StringComparer.Ordinal).Take(top).ToList()))
        .ToList();

    public static double Score(string category, ProviderAccount account)
    {
        var similarity = Math.Max(Tokens(category, account.Name), Bigrams(category, account.Name));
        var revenue = RevenueWords.Any(w => (account.Type ?? "").Contains(w, StringComparison.OrdinalIgnoreCase) || (account.Class ?? "").Contains(w, StringComparison.OrdinalIgnoreCase));
        return Math.Min(1, similarity * 0.7 + (revenue ? 0.3 : 0));
    }

    private static double Tokens(string a, string b)
    {
        var ta = Split(a);
        var tb = Split(b);
        if (ta.Count == 0 || tb.Count == 0) return 0;
        return (double)ta.Intersect(tb).Count() / ta.Union(tb).Count();
    }

    private static HashSet<string> Split(string s) =>
        s.ToLowerInvariant().Split([' ', '-', '_', '/', '&', ',', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    /// <summary>Dice coefficient over character bigrams (robust to plurals and small spelling differences).</summary>
    private static double Bigrams(string a, string b)
    {
        var ba = Pairs(a);
        var bb = Pairs(b);
        if (ba.Count == 0 || bb.Count == 0) return 0;
        var common = 0;
        var pool = bb.ToList();
        foreach (var p in ba)
        {
            var i = pool.IndexOf(p);
            if (i >= 0) { common++; pool.RemoveAt(i); }
        }
        return 2.0 * common / (ba.Count + bb.Count);
    }

    private static List<string> Pairs(string s)
    {
        var text = new string(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
        var pairs = new List<string>();
        for (var i = 0; i + 1 < text.Length; i++) pairs.Add(text.Substring(i, 2));
        return pairs;
    }
}
