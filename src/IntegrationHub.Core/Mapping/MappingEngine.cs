using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Applies a mapping between the host-side canonical record and the external side (the connector's canonical record
/// plus its raw payload). Pure: no I/O, no exceptions for bad data — every problem is a field error, and any error
/// makes the record a record-level failure.
/// </summary>
public static class MappingEngine
{
    /// <summary>Compiles and applies in one call (for previews and tests; sync runs compile once and reuse).</summary>
    public static InboundResult Inbound(IReadOnlyList<MappingRule> rules, JsonObject externalCanonical, JsonObject? raw, MappingContext context)
    {
        var (mapping, errors) = MappingCompiler.Compile(rules, context);
        return mapping is null ? new InboundResult(new JsonObject(), RuleErrors(errors)) : Inbound(mapping, externalCanonical, raw);
    }

    public static OutboundResult Outbound(IReadOnlyList<MappingRule> rules, JsonObject hostRecord, MappingContext context)
    {
        var (mapping, errors) = MappingCompiler.Compile(rules, context);
        return mapping is null ? new OutboundResult(new JsonObject(), new JsonObject(), RuleErrors(errors)) : Outbound(mapping, hostRecord);
    }

    private static List<MappingError> RuleErrors(IReadOnlyList<RuleError> errors) =>
        errors.Select(e => new MappingError($"rules[{e.Index}].{e.Field}", e.Message)).ToList();

    /// <summary>Maps a provider record (canonical + raw payload) to the host side: with the write plan, or on the node tree when the plan cannot express the mapping.</summary>
    public static InboundResult Inbound(CompiledMapping mapping, JsonObject externalCanonical, JsonObject? raw)
    {
        if (mapping.InboundPlan is not { } plan) return InboundTree(mapping, externalCanonical, raw);
        var output = plan.Run(externalCanonical, raw, externalCanonical);
        return new InboundResult(new MappedJson(output.Canonical), output.Errors);
    }

    /// <summary>Maps a host record for a push: canonical output, raw patch and field errors (pre-push checks included).</summary>
    public static OutboundResult Outbound(CompiledMapping mapping, JsonObject hostRecord)
    {
        if (mapping.OutboundPlan is not { } plan) return OutboundTree(mapping, hostRecord);
        var output = plan.Run(hostRecord, null, hostRecord);
        return new OutboundResult(new MappedJson(output.Canonical), new MappedJson(output.Raw), output.Errors);
    }

    /// <summary>
    /// The node-tree path: builds the output as a <see cref="JsonObject"/> rule by rule. It runs the mappings whose shape
    /// the write plan does not express (see <see cref="WritePlan"/>) and is the reference the plan is tested against.
    /// </summary>
    public static InboundResult InboundTree(CompiledMapping mapping, JsonObject externalCanonical, JsonObject? raw)
    {
        var host = new JsonObject();
        var errors = new List<MappingError>();
        foreach (var rule in mapping.Rules)
        {
            if (rule.Inbound is null || rule.Local is null) continue;
            var source = rule.Remote.Raw ? raw : externalCanonical;
            Apply(rule.Rule, rule.Inbound, rule.Remote, source, externalCanonical, rule.Local, host, errors);
        }
        return new InboundResult(host, errors);
    }

    /// <inheritdoc cref="InboundTree"/>
    public static OutboundResult OutboundTree(CompiledMapping mapping, JsonObject hostRecord)
    {
        var canonical = new JsonObject();
        var rawPatch = new JsonObject();
        var errors = new List<MappingError>();
        foreach (var rule in mapping.Rules)
        {
            if (rule.Outbound is null) continue;
            Apply(rule.Rule, rule.Outbound, rule.Local, hostRecord, hostRecord, rule.Remote, rule.Remote.Raw ? rawPatch : canonical, errors);
        }
        if (OutboundChecks.HasFieldRules(mapping.Context) && OutboundChecks.Fields(mapping.Context, JsonSerializer.SerializeToUtf8Bytes(canonical)) is { } fieldErrors)
            errors.AddRange(fieldErrors);
        if (CanonicalFields.HasCurrency(mapping.Context.Entity))
        {
            if (OutboundChecks.Currency(mapping.Context, CompiledTransform.Text(canonical["currency"]), out var mapped) is { } error) errors.Add(error);
            if (mapped is not null) canonical["currency"] = mapped;
        }
        return new OutboundResult(canonical, rawPatch, errors);
    }

    /// <summary>
    /// The host record a pull produces: what the inbound rules mapped, plus the host record's own top-level fields that
    /// no inbound rule writes (a custom field the mapping only sends out, such as a region pushed to a provider custom
    /// field), so pulling a record never drops host data the provider does not hold.
    /// </summary>
    public static JsonObject KeepHostFields(CompiledMapping mapping, JsonObject host, JsonObject inbound)
    {
        JsonObject? result = null;
        foreach (var (key, value) in host)
        {
            if (mapping.InboundFields.Contains(key) || inbound.ContainsKey(key)) continue;
            result ??= (JsonObject)inbound.DeepClone();
            result[key] = value?.DeepClone();
        }
        return result ?? inbound;
    }

    /// <summary>
    /// The provider-payload fields the mapping's <c>$raw.</c> rules address, copied out of <paramref name="raw"/> into an
    /// object shaped like those paths (null when the mapping has no raw rules). The sync engine stores it with the
    /// external-side record, so its hash — change detection and echo suppression — covers the custom fields the
    /// mapping reads or writes, and a change to them alone is a new version.
    /// </summary>
    public static JsonObject? RawView(CompiledMapping mapping, JsonObject? raw)
    {
        if (!mapping.HasRawRules) return null;
        var view = new JsonObject();
        foreach (var rule in mapping.Rules)
        {
            if (!rule.Remote.Raw) continue;
            foreach (var match in rule.Remote.Get(raw, out _))
                if (!IsNull(match.Value)) rule.Remote.Set(view, match.Indices, match.Value!.DeepClone());
        }
        return view;
    }

    private static void Apply(MappingRule rule, CompiledTransform transform, MappingPath? sourcePath, JsonObject? source, JsonObject record,
        MappingPath target, JsonObject output, List<MappingError> errors)
    {
        if (sourcePath is null)
        {
            // Source-less rules (constant, concat, compute) produce one value for a target without "[]".
            Write(rule, transform.Apply(null, record, out var failure).ToNode(), failure, target, [], output, errors, sourcePath);
            return;
        }
        if (sourcePath.Wildcards == 0)
        {
            // One value: no match list to allocate (most rules).
            var single = sourcePath.GetSingle(source);
            if (IsNull(single) && !transform.Sourceless) Write(rule, null, null, target, [], output, errors, sourcePath);
            else Write(rule, transform.Apply(single, record, out var singleFailure).ToNode(), singleFailure, target, [], output, errors, sourcePath);
            return;
        }
        var matches = sourcePath.Get(source, out var emptyArray);
        if (emptyArray && target.Wildcards > 0) target.EnsureEmptyArray(output);
        foreach (var match in matches)
        {
            if (IsNull(match.Value) && !transform.Sourceless)
            {
                Write(rule, null, null, target, match.Indices, output, errors, sourcePath);
                continue;
            }
            Write(rule, transform.Apply(match.Value, record, out var failure).ToNode(), failure, target, match.Indices, output, errors, sourcePath);
        }
    }

    private static bool IsNull(JsonNode? node) => node is null || node is JsonValue v && v.GetValueKind() == JsonValueKind.Null;

    private static void Write(MappingRule rule, JsonNode? value, string? failure, MappingPath target, int[] indices, JsonObject output,
        List<MappingError> errors, MappingPath? sourcePath)
    {
        // The path text is built only for errors: writes are the hot loop of a sync run.
        if (failure is not null) { errors.Add(new MappingError(Describe(target, indices), failure)); return; }
        if (IsNull(value))
        {
            if (rule.Default is not null) value = rule.Default.DeepClone();
            else
            {
                if (rule.Required) errors.Add(new MappingError(Describe(target, indices), sourcePath is null ? "Required value is missing." : $"Required value is missing (no value at {Describe(sourcePath, indices)})."));
                return;
            }
        }
        try { target.Set(output, indices, value); }
        catch (InvalidOperationException ex) { errors.Add(new MappingError(Describe(target, indices), ex.Message)); }
    }

    /// <summary>"lines[].amount" with indices [2] → "lines[2].amount", the form record diffs use.</summary>
    internal static string Describe(MappingPath path, int[] indices)
    {
        if (indices.Length == 0) return path.Text;
        var text = path.ToString();
        var sb = new System.Text.StringBuilder(text.Length + 4);
        var k = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '[' && i + 1 < text.Length && text[i + 1] == ']' && k < indices.Length)
            {
                sb.Append('[').Append(indices[k++]).Append(']');
                i++;
            }
            else sb.Append(text[i]);
        }
        return sb.ToString();
    }
}
