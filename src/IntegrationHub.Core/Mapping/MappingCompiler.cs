namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Checks and compiles rules: paths parse, "[]" counts agree on both sides, transforms are complete (formats usable,
/// regexes valid, tables exist, expressions parse — with line and column), and a rule that maps inbound has a
/// transform that can run that way. Every problem is reported with the rule's index; nothing throws.
/// </summary>
public static class MappingCompiler
{
    public const int MaxRules = 500;

    public static (CompiledMapping? Mapping, IReadOnlyList<RuleError> Errors) Compile(IReadOnlyList<MappingRule> rules, MappingContext context)
    {
        var errors = new List<RuleError>();
        if (rules.Count > MaxRules) errors.Add(new RuleError(MaxRules, "rules", $"A mapping has at most {MaxRules} rules."));
        var compiled = new List<CompiledRule>(rules.Count);
        for (var i = 0; i < rules.Count && i < MaxRules; i++)
        {
            var index = i;
            var before = errors.Count;
            if (CompileRule(rules[i], context, (field, message, line, column) => errors.Add(new RuleError(index, field, message, line, column))) is { } rule && errors.Count == before)
                compiled.Add(rule);
        }
        return errors.Count == 0 ? (new CompiledMapping(compiled, context), errors) : (null, errors);
    }

    private static CompiledRule? CompileRule(MappingRule rule, MappingContext context, Action<string, string, int?, int?> error)
    {
        var type = rule.Transform?.Type ?? TransformTypes.Direct;
        if (!Enum.IsDefined(rule.Direction)) { error("direction", "Direction must be inbound, outbound or both.", null, null); return null; }
        MappingPath? local = null, remote = null;
        if (!string.IsNullOrWhiteSpace(rule.LocalPath))
        {
            try { local = MappingPath.Parse(rule.LocalPath); }
            catch (FormatException ex) { error("localPath", ex.Message, null, null); }
            if (local?.Raw == true) { error("localPath", "$raw. paths are for the provider's side (remotePath) only.", null, null); local = null; }
        }
        else if (!TransformTypes.IsSourceless(type) || rule.Inbound)
        {
            error("localPath", "A local path is required (only outbound constant, concat and compute rules may omit it).", null, null);
        }
        try { remote = MappingPath.Parse(rule.RemotePath ?? ""); }
        catch (FormatException ex) { error("remotePath", ex.Message, null, null); }
        if (local is null && !string.IsNullOrWhiteSpace(rule.LocalPath) || remote is null) return null;
        var localWildcards = local?.Wildcards ?? 0;
        if (localWildcards != remote.Wildcards && !(TransformTypes.IsSourceless(type) && remote.Wildcards == 0))
        { error("remotePath", $"Both paths need the same number of [] (local has {localWildcards}, remote has {remote.Wildcards}).", null, null); return null; }

        CompiledTransform? outbound = null, inbound = null;
        if (rule.Outbound)
        {
            outbound = CompiledTransform.Compile(rule.Transform, context, (f, m, l, c) => error("transform." + f, m, l, c));
            if (outbound is null) return null;
        }
        if (rule.Inbound)
        {
            if (rule.InboundTransform is not null)
                inbound = CompiledTransform.Compile(rule.InboundTransform, context, (f, m, l, c) => error("inboundTransform." + f, m, l, c));
            else
            {
                var forward = outbound ?? CompiledTransform.Compile(rule.Transform, context, (f, m, l, c) => error("transform." + f, m, l, c));
                if (forward is null) return null;
                inbound = rule.Direction == MappingDirection.Inbound ? forward : forward.Inverse;
                if (inbound is null)
                {
                    error("inboundTransform", $"A '{forward.Type}' transform cannot be reversed{(forward.Type == TransformTypes.Lookup ? " (its values are not unique)" : "")}; " +
                        "make the rule outbound only or give an inboundTransform.", null, null);
                    return null;
                }
            }
            if (inbound is null) return null;
        }
        return new CompiledRule(rule, local, remote, outbound, inbound);
    }
}
