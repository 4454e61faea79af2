using System.Text.Encodings.Web;
using System.Text.Json;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// One direction of a compiled mapping as an execution plan: the rules' targets grouped into the output's shape (objects,
/// one level of "[]" arrays, <c>[?(@.Name=='…')]</c> elements), so a record is mapped by computing every rule's values
/// (<see cref="MappingValue"/>, no JSON node) and then writing each output object once, in order, straight into a
/// <see cref="Utf8JsonWriter"/> — no per-field node tree. <see cref="Build"/> returns null for the shapes it does not
/// express exactly (nested "[]", fixed indexes such as <c>lines[2]</c> in a target, two rules writing a field and a
/// field inside it); such mappings run on the node-tree path (<see cref="MappingEngine.OutboundTree"/>), which is also
/// the reference the plan is tested against.
/// </summary>
internal sealed partial class WritePlan
{
    internal static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>A rule as the plan runs it: where it reads, how it transforms, where it writes (canonical or raw root).</summary>
    internal sealed record Step(CompiledRule Rule, MappingPath? Source, bool RawSource, CompiledTransform Transform, MappingPath Target, bool RawTarget);

    internal abstract class Node;

    internal sealed class ObjectNode : Node
    {
        public List<(string Key, JsonEncodedText Name, Node Child)> Children { get; } = [];
        /// <summary>For an element chosen by a filter: the field and value written first (the element's identity).</summary>
        public MappingPath.Filter? Identity { get; init; }

        public Node? Find(string key) => Children.Find(c => c.Key == key).Child;

        public T Add<T>(string key, T child) where T : Node
        {
            Children.Add((key, JsonEncodedText.Encode(key, Encoder), child));
            return child;
        }
    }

    /// <summary>A field; several rules may write it (the last one with a value wins, as in the tree).</summary>
    internal sealed class LeafNode : Node { public List<int> Steps { get; } = []; }

    /// <summary>An array written element by element from the "[]" indexes; <see cref="Steps"/> are the rules under it.</summary>
    internal sealed class ArrayNode : Node
    {
        public ObjectNode Element { get; } = new();
        public List<int> Steps { get; } = [];
    }

    /// <summary>An array of elements picked by filters, written in the order their first rule wrote them.</summary>
    internal sealed class FilterNode : Node { public List<ObjectNode> Elements { get; } = []; }

    public Step[] Steps { get; }
    public ObjectNode Canonical { get; } = new();
    public ObjectNode Raw { get; } = new();
    /// <summary>Outbound only: the top-level currency field, which the pre-push checks may rewrite (currency mapping).</summary>
    public LeafNode? Currency { get; private set; }
    private readonly MappingContext _context;
    private readonly bool _outbound, _checksCurrency;

    private WritePlan(Step[] steps, MappingContext context, bool outbound)
    {
        Steps = steps;
        _context = context;
        _outbound = outbound;
        _checksCurrency = outbound && CanonicalFields.HasCurrency(context.Entity);
    }

    public static WritePlan? Build(IReadOnlyList<CompiledRule> rules, MappingContext context, bool outbound)
    {
        var steps = new List<Step>(rules.Count);
        foreach (var r in rules)
        {
            if (outbound && r.Outbound is not null) steps.Add(new Step(r, r.Local, false, r.Outbound, r.Remote, r.Remote.Raw));
            else if (!outbound && r.Inbound is not null && r.Local is not null) steps.Add(new Step(r, r.Remote, r.Remote.Raw, r.Inbound, r.Local, false));
        }
        var plan = new WritePlan([.. steps], context, outbound);
        for (var i = 0; i < plan.Steps.Length; i++)
            if (!plan.Place(i)) return null;
        if (outbound && CanonicalFields.HasCurrency(context.Entity))
        {
            var currency = plan.Canonical.Find("currency");
            if (currency is not (null or LeafNode)) return null;
            plan.Currency = currency as LeafNode;
        }
        return plan;
    }

    /// <summary>Puts a rule's target into the shape; false when the shape cannot be written exactly by the plan.</summary>
    private bool Place(int step)
    {
        var (source, target) = (Steps[step].Source, Steps[step].Target);
        if (target.Wildcards > 1 || (source is not null && source.Wildcards != target.Wildcards)) return false;
        var segments = target.Segments;
        var current = Steps[step].RawTarget ? Raw : Canonical;
        ArrayNode? array = null;
        for (var s = 0; s < segments.Count; s++)
        {
            if (segments[s] is not MappingPath.Property property || property.Name == current.Identity?.Field) return false;
            var existing = current.Find(property.Name);
            if (s == segments.Count - 1)
            {
                var leaf = existing as LeafNode ?? (existing is null ? current.Add(property.Name, new LeafNode()) : null);
                if (leaf is null) return false;
                leaf.Steps.Add(step);
                array?.Steps.Add(step);
                return true;
            }
            var next = segments[s + 1];
            if (next is MappingPath.Property)
            {
                current = existing as ObjectNode ?? (existing is null ? current.Add(property.Name, new ObjectNode()) : null);
                if (current is null) return false;
                continue;
            }
            // "[]" or a filter must be followed by a field name: "lines[].amount", "CustomField[?(@.Name=='Region')].StringValue".
            if (s + 2 >= segments.Count || segments[s + 2] is not MappingPath.Property) return false;
            if (next is MappingPath.Every)
            {
                if (array is not null) return false;
                array = existing as ArrayNode ?? (existing is null ? current.Add(property.Name, new ArrayNode()) : null);
                if (array is null) return false;
                current = array.Element;
            }
            else if (next is MappingPath.Filter filter)
            {
                var filters = existing as FilterNode ?? (existing is null ? current.Add(property.Name, new FilterNode()) : null);
                // One identity field per array: an element made for Name=='A' can then never match a filter on another field.
                if (filters is null || filters.Elements.Count > 0 && filters.Elements[0].Identity!.Field != filter.Field) return false;
                current = filters.Elements.Find(e => e.Identity == filter) ?? Added(filters.Elements, new ObjectNode { Identity = filter });
            }
            else return false;
            s++;
        }
        return false;
    }

    private static ObjectNode Added(List<ObjectNode> list, ObjectNode node)
    {
        list.Add(node);
        return node;
    }
}
