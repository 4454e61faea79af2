namespace IntegrationHub.Core.Mapping;

/// <summary>A rule error found when a mapping is compiled (at save time): which rule, which field of it, what, and where in an expression.</summary>
public sealed record RuleError(int Index, string Field, string Message, int? Line = null, int? Column = null);

internal sealed record CompiledRule(
    MappingRule Rule,
    MappingPath? Local,
    MappingPath Remote,
    CompiledTransform? Outbound,
    CompiledTransform? Inbound);

/// <summary>A mapping compiled once and applied to any number of records (thread-safe).</summary>
public sealed class CompiledMapping
{
    internal CompiledMapping(IReadOnlyList<CompiledRule> rules, MappingContext context)
    {
        Rules = [.. rules];
        Context = context;
        HasRawRules = rules.Any(r => r.Remote.Raw);
        InboundFields = rules.Where(r => r.Inbound is not null && r.Local is { Segments: [MappingPath.Property, ..] })
            .Select(r => ((MappingPath.Property)r.Local!.Segments[0]).Name).ToHashSet(StringComparer.Ordinal);
        OutboundPlan = WritePlan.Build(Rules, context, outbound: true);
        InboundPlan = WritePlan.Build(Rules, context, outbound: false);
    }

    /// <summary>The write plans (null for a direction whose shape the plan cannot write exactly: that direction runs on the node tree).</summary>
    internal WritePlan? OutboundPlan { get; }
    internal WritePlan? InboundPlan { get; }
    /// <summary>Whether outbound (inbound) runs on the write plan rather than the node-tree fallback.</summary>
    public bool PlansOutbound => OutboundPlan is not null;
    public bool PlansInbound => InboundPlan is not null;

    // An array: the engine's per-record loops over it allocate no enumerator.
    internal CompiledRule[] Rules { get; }
    public MappingContext Context { get; }
    public int RuleCount => Rules.Length;
    /// <summary>Whether any rule addresses the provider's own payload (<c>$raw.</c>): such mappings produce a raw patch outbound and a raw view of external records.</summary>
    public bool HasRawRules { get; }
    /// <summary>The host record's top-level fields that inbound rules write; the others are the host app's own.</summary>
    public IReadOnlySet<string> InboundFields { get; }
}
