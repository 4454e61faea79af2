using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Web.Components.Mapping;

/// <summary>
/// One row of the effective mapping: the rule, where it comes from, and (for the tenant's own rules) its index in the
/// draft, which is how the Api reports errors.
/// </summary>
public sealed record EffectiveRow(MappingRule Rule, string Source, int? TenantIndex)
{
    public bool IsTenant => TenantIndex is not null;
}

/// <summary>How the field mapper lays out rules and words errors; pure so it is tested without a browser.</summary>
public static class MappingView
{
    public const string Default = "default", Tenant = "tenant", Override = "override";

    /// <summary>The effective rules (defaults overlaid by the draft, exactly as the engine merges them), each with its source.</summary>
    public static IReadOnlyList<EffectiveRow> Rows(IReadOnlyList<MappingRule> defaults, IReadOnlyList<MappingRule> tenantRules)
    {
        var defaultKeys = defaults.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return DefaultMappings.Merge(defaults, tenantRules).Select(rule =>
        {
            var index = IndexOf(tenantRules, rule);
            return index < 0 ? new EffectiveRow(rule, Default, null)
                : new EffectiveRow(rule, defaultKeys.Contains(rule.Key) ? Override : Tenant, index);
        }).ToList();
    }

    public static string SourceLabel(string source) => source switch
    {
        Override => "Your rule (replaces default)",
        Tenant => "Your rule",
        _ => "Default",
    };

    public static string Direction(MappingDirection direction) => direction switch
    {
        MappingDirection.Outbound => "→ out",
        MappingDirection.Inbound => "← in",
        _ => "⇄ both",
    };

    public static string DirectionLabel(MappingDirection direction) => direction switch
    {
        MappingDirection.Outbound => "Outbound (host → provider)",
        MappingDirection.Inbound => "Inbound (provider → host)",
        _ => "Both ways",
    };

    /// <summary>"transform.expression: Unexpected token (line 1, column 7)", or the message alone for a rule-level error.</summary>
    public static string Describe(RuleError error)
    {
        var where = error.Line is { } line ? $" (line {line}, column {error.Column})" : "";
        return error.Field is { Length: > 0 } field && field != "rules" ? $"{field}: {error.Message}{where}" : error.Message + where;
    }

    /// <summary>The Api's errors by the draft rule they concern; errors about default rules (index −1) stay under −1.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<RuleError>> ByRule(IReadOnlyList<RuleError> errors) =>
        errors.GroupBy(e => e.Index).ToDictionary(g => g.Key, g => (IReadOnlyList<RuleError>)g.ToList());

    /// <summary>The draft with one rule replaced (index) or added (null index).</summary>
    public static List<MappingRule> With(IReadOnlyList<MappingRule> draft, int? index, MappingRule rule)
    {
        var copy = draft.ToList();
        if (index is { } i && i >= 0 && i < copy.Count) copy[i] = rule;
        else copy.Add(rule);
        return copy;
    }

    /// <summary>Whether the draft differs from the saved tenant rules (compared as the Api stores them).</summary>
    public static bool Differs(IReadOnlyList<MappingRule> draft, IReadOnlyList<MappingRule> saved) =>
        MappingJson.ToDocument(draft).RootElement.GetRawText() != MappingJson.ToDocument(saved).RootElement.GetRawText();

    private static int IndexOf(IReadOnlyList<MappingRule> rules, MappingRule rule)
    {
        for (var i = 0; i < rules.Count; i++)
            if (ReferenceEquals(rules[i], rule)) return i;
        return -1;
    }
}
