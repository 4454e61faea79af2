using System.Text;

namespace IntegrationHub.Core.Tenancy;

public static class Slug
{
    /// <summary>Lower-case ASCII letters and digits joined by single dashes: "Acme Rentals B.V." → "acme-rentals-b-v".</summary>
    public static string From(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') sb.Append(c);
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "tenant" : slug[..Math.Min(slug.Length, 60)];
    }
}
