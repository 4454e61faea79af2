using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Xero;

/// <summary>
/// The common subset of Xero's <c>where</c> filter: clauses joined by AND / &amp;&amp;, each
/// <c>Field op value</c> with op in == != &gt; &gt;= &lt; &lt;= and values "text", guid("…"),
/// DateTime(y,m,d), true/false or numbers. Pure: parsing fails with <see cref="XeroValidationException"/>.
/// </summary>
public static partial class XeroWhere
{
    public sealed record Clause(string Field, string Op, object Value);

    public static IReadOnlyList<Clause> Parse(string where)
    {
        var clauses = new List<Clause>();
        foreach (var part in AndSplit().Split(where))
        {
            var m = ClauseRegex().Match(part);
            if (!m.Success) throw new XeroValidationException($"Unable to parse the where clause: '{part.Trim()}'");
            clauses.Add(new Clause(m.Groups[1].Value, m.Groups[2].Value, Value(m.Groups[3].Value.Trim())));
        }
        return clauses;
    }

    public static bool Matches(JsonObject data, IReadOnlyList<Clause> clauses) => clauses.All(c => Matches(data, c));

    private static bool Matches(JsonObject data, Clause clause)
    {
        var node = data.Path(clause.Field);
        int cmp;
        switch (clause.Value)
        {
            case DateTimeOffset date:
                if (node is not JsonValue dv || !XeroDates.TryParse(dv.ToString(), out var actualDate)) return clause.Op == "!=";
                cmp = actualDate.CompareTo(date);
                break;
            case decimal number:
                if (SimJson.ToDecimal(node) is not { } actualNumber) return clause.Op == "!=";
                cmp = actualNumber.CompareTo(number);
                break;
            case bool flag:
                if (node is not JsonValue bv || !bv.TryGetValue<bool>(out var actualFlag)) return clause.Op == "!=";
                cmp = actualFlag.CompareTo(flag);
                break;
            default:
                cmp = string.Compare(node is JsonValue sv ? sv.ToString() : null, (string)clause.Value, StringComparison.OrdinalIgnoreCase);
                break;
        }
        return clause.Op switch
        {
            "==" => cmp == 0,
            "!=" => cmp != 0,
            ">" => cmp > 0,
            ">=" => cmp >= 0,
            "<" => cmp < 0,
            _ => cmp <= 0,
        };
    }

    private static object Value(string text)
    {
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"') return text[1..^1];
        if (GuidRegex().Match(text) is { Success: true } g) return g.Groups[1].Value;
        if (DateRegex().Match(text) is { Success: true } d)
        {
            var parts = d.Groups[1].Value.Split(',').Select(p => int.Parse(p.Trim(), CultureInfo.InvariantCulture)).ToArray();
            return new DateTimeOffset(parts[0], parts[1], parts[2], 0, 0, 0, TimeSpan.Zero);
        }
        if (bool.TryParse(text, out var flag)) return flag;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)) return number;
        throw new XeroValidationException($"Unable to parse the value '{text}' in the where clause");
    }

    [GeneratedRegex(@"\s+AND\s+|\s*&&\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^\s*([A-Za-z][\w.]*)\s*(==|!=|>=|<=|>|<)\s*(.+?)\s*$")]
    private static partial Regex ClauseRegex();

    [GeneratedRegex(@"^[Gg]uid\(""?([0-9a-fA-F-]{36})""?\)$")]
    private static partial Regex GuidRegex();

    [GeneratedRegex(@"^DateTime\(\s*(\d{4}\s*,\s*\d{1,2}\s*,\s*\d{1,2})\s*\)$")]
    private static partial Regex DateRegex();
}
