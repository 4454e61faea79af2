using System.Text.RegularExpressions;
using IntegrationHub.Web.Api;

namespace IntegrationHub.Web.Components.Mapping;

/// <summary>A lookup table as the form edits it: entries as "key = value" lines; the same limits as the Api.</summary>
public sealed partial class LookupTableForm
{
    public const int MaxEntries = 5_000, MaxText = 500;

    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string EntriesText { get; set; } = "";
    public string? Fallback { get; set; }

    public static LookupTableForm From(LookupTableInfo table) => new()
    {
        Name = table.Name, Description = table.Description, Fallback = table.Fallback,
        EntriesText = string.Join("\n", table.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} = {e.Value}")),
    };

    public LookupTableUpdate ToUpdate() =>
        new(Name.Trim(), string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(), RuleForm.ParseEntries(EntriesText, out _),
            string.IsNullOrWhiteSpace(Fallback) ? null : Fallback.Trim());

    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        if (!NamePattern().IsMatch(Name.Trim()))
            errors[nameof(Name)] = "1-100 letters, digits, '.', '_' or '-', starting with a letter or digit (e.g. quickbooks.accounts).";
        var entries = RuleForm.ParseEntries(EntriesText, out var bad);
        if (bad is not null) errors[nameof(EntriesText)] = $"Line '{(bad.Length > 40 ? bad[..40] + "…" : bad)}' is not 'key = value'.";
        else if (entries.Count > MaxEntries) errors[nameof(EntriesText)] = $"At most {MaxEntries} entries.";
        else if (entries.Any(e => e.Key.Length > MaxText || e.Value.Length > MaxText)) errors[nameof(EntriesText)] = $"Keys and values are at most {MaxText} characters.";
        if (Fallback?.Length > MaxText) errors[nameof(Fallback)] = $"At most {MaxText} characters.";
        if (Description?.Length > MaxText) errors[nameof(Description)] = $"At most {MaxText} characters.";
        return errors;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._\-]{0,99}$")]
    private static partial Regex NamePattern();
}
