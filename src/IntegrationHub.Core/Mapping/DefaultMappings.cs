namespace IntegrationHub.Core.Mapping;

/// <summary>Default and effective mappings: identity over the canonical fields, then the connector's shipped rules, then the tenant's.</summary>
public static class DefaultMappings
{
    /// <summary>Identity for every canonical field, overridden or extended by the connector's own default rules.</summary>
    public static IReadOnlyList<MappingRule> For(string entity, IReadOnlyList<MappingRule>? connectorRules = null) =>
        Merge(CanonicalFields.For(entity).Select(f => new MappingRule(f, f)).ToList(), connectorRules);

    /// <summary>The effective mapping: the base rules with every rule of the overlay replacing the one with its key, or added after them.</summary>
    public static IReadOnlyList<MappingRule> Merge(IReadOnlyList<MappingRule> baseRules, IReadOnlyList<MappingRule>? overlay)
    {
        if (overlay is not { Count: > 0 }) return baseRules;
        var byKey = overlay.GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var merged = new List<MappingRule>(baseRules.Count + overlay.Count);
        foreach (var rule in baseRules)
            merged.Add(byKey.Remove(rule.Key, out var replacement) ? replacement : rule);
        merged.AddRange(overlay.Where(r => byKey.ContainsKey(r.Key) && byKey[r.Key] == r));
        return merged;
    }
}
