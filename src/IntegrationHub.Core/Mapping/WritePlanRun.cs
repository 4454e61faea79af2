using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Running a plan on one record: every rule's values go into a per-thread array (one slot per "[]" element, absent
/// where there is no value), then each output object is written once, in order, into a pooled buffer. Same results,
/// errors and error order as the node-tree path.
/// </summary>
internal sealed partial class WritePlan
{
    internal readonly record struct Output(byte[] Canonical, byte[] Raw, IReadOnlyList<MappingError> Errors);

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();
    private const int MaxKeptBuffer = 1 << 20;

    /// <summary>Per-thread working memory, reused record after record (a plan never runs re-entrantly on a thread).</summary>
    private sealed class Scratch
    {
        public MappingValue[] Values = new MappingValue[64];
        public int[] Start = new int[32], Count = new int[32];
        public bool[] Empty = new bool[32];
        public int Used;
        public ArrayBufferWriter<byte> Buffer = new(2048);
        public Utf8JsonWriter? Writer;

        public void Prepare(int steps)
        {
            Used = 0;
            if (Start.Length < steps) (Start, Count, Empty) = (new int[steps], new int[steps], new bool[steps]);
        }

        public void Add(MappingValue value)
        {
            if (Used == Values.Length) Array.Resize(ref Values, Values.Length * 2);
            Values[Used++] = value;
        }

        public Utf8JsonWriter StartWriting()
        {
            if (Buffer.Capacity > MaxKeptBuffer) Buffer = new ArrayBufferWriter<byte>(2048);
            Buffer.ResetWrittenCount();
            if (Writer is null) Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = Encoder, SkipValidation = true });
            else Writer.Reset(Buffer);
            return Writer;
        }
    }

    [ThreadStatic] private static Scratch? ThreadScratch;

    /// <summary>Maps one record: <paramref name="source"/> (and <paramref name="raw"/> for inbound "$raw." rules) read, <paramref name="record"/> for concat and compute.</summary>
    public Output Run(JsonObject? source, JsonObject? raw, JsonObject record)
    {
        var sc = ThreadScratch ??= new Scratch();
        sc.Prepare(Steps.Length);
        List<MappingError>? errors = null;
        for (var r = 0; r < Steps.Length; r++)
        {
            var step = Steps[r];
            sc.Start[r] = sc.Used;
            sc.Empty[r] = false;
            if (step.Source is null) sc.Add(Resolve(step, step.Transform.Apply(null, record, out var failure), failure, -1, ref errors));
            else if (step.Source.Wildcards == 0) sc.Add(Read(step, step.Source.GetSingle(step.RawSource ? raw : source), record, -1, ref errors));
            else ReadEach(sc, r, step.RawSource ? raw : source, record, ref errors);
            sc.Count[r] = sc.Used - sc.Start[r];
        }
        MappingError? currencyError = null;
        if (_checksCurrency)
        {
            var slot = Currency is null ? -1 : Winner(sc, Currency, 0);
            currencyError = OutboundChecks.Currency(_context, slot < 0 ? null : sc.Values[slot].Text(), out var mapped);
            if (mapped is not null && slot >= 0) sc.Values[slot] = MappingValue.String(mapped);
        }
        var canonical = Write(sc, Canonical);
        var rawPatch = _outbound && Raw.Children.Count > 0 ? Write(sc, Raw) : EmptyObject;
        if (_outbound && OutboundChecks.Fields(_context, canonical) is { } fieldErrors) (errors ??= []).AddRange(fieldErrors);
        if (currencyError is not null) (errors ??= []).Add(currencyError);
        return new Output(canonical, rawPatch, errors ?? (IReadOnlyList<MappingError>)[]);
    }

    /// <summary>One value per element of the source's "[]" array (one absent value at index 0 when the array itself is missing, as the tree does).</summary>
    private void ReadEach(Scratch sc, int r, JsonObject? from, JsonObject record, ref List<MappingError>? errors)
    {
        var step = Steps[r];
        var path = step.Source!;
        var at = path.FirstWildcard;
        var container = path.Walk(from, 0, at);
        if (container is null) { sc.Add(Read(step, null, record, 0, ref errors)); return; }
        if (container is not JsonArray array) return;
        if (array.Count == 0) { sc.Empty[r] = true; return; }
        for (var i = 0; i < array.Count; i++) sc.Add(Read(step, path.Walk(array[i], at + 1, path.Length), record, i, ref errors));
    }

    private static MappingValue Read(Step step, JsonNode? value, JsonObject record, int index, ref List<MappingError>? errors)
    {
        if (IsNull(value) && !step.Transform.Sourceless) return Resolve(step, MappingValue.Absent, null, index, ref errors);
        return Resolve(step, step.Transform.Apply(value, record, out var failure), failure, index, ref errors);
    }

    private static bool IsNull(JsonNode? node) => node is null || node is JsonValue v && v.GetValueKind() == JsonValueKind.Null;

    /// <summary>A failure or a missing required value is a field error; a missing value takes the rule's default.</summary>
    private static MappingValue Resolve(Step step, MappingValue value, string? failure, int index, ref List<MappingError>? errors)
    {
        if (failure is not null) { (errors ??= []).Add(new MappingError(Describe(step.Target, index), failure)); return MappingValue.Absent; }
        if (!value.IsAbsent) return value;
        var rule = step.Rule.Rule;
        if (rule.Default is not null) return MappingValue.Node(rule.Default);
        if (rule.Required)
            (errors ??= []).Add(new MappingError(Describe(step.Target, index), step.Source is null
                ? "Required value is missing." : $"Required value is missing (no value at {Describe(step.Source, index)})."));
        return MappingValue.Absent;
    }

    private static string Describe(MappingPath path, int index) => MappingEngine.Describe(path, index < 0 ? [] : [index]);

    private static byte[] Write(Scratch sc, ObjectNode root)
    {
        var writer = sc.StartWriting();
        WriteObject(sc, writer, root, 0);
        writer.Flush();
        return sc.Buffer.WrittenSpan.ToArray();
    }

    private static void WriteObject(Scratch sc, Utf8JsonWriter writer, ObjectNode node, int i)
    {
        writer.WriteStartObject();
        if (node.Identity is { } identity) writer.WriteString(identity.Field, identity.Value);
        foreach (var (_, name, child) in node.Children)
        {
            if (First(sc, child, i) == int.MaxValue) continue;
            writer.WritePropertyName(name);
            switch (child)
            {
                case LeafNode leaf: sc.Values[Winner(sc, leaf, i)].WriteTo(writer); break;
                case ObjectNode o: WriteObject(sc, writer, o, i); break;
                case ArrayNode a: WriteArray(sc, writer, a); break;
                case FilterNode f: WriteFiltered(sc, writer, f, i); break;
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteArray(Scratch sc, Utf8JsonWriter writer, ArrayNode array)
    {
        writer.WriteStartArray();
        // Elements up to the last one any rule wrote; one no rule wrote is an empty object, as in the tree.
        var length = 0;
        foreach (var r in array.Steps)
            for (var k = sc.Count[r] - 1; k >= length; k--)
                if (!sc.Values[sc.Start[r] + k].IsAbsent) { length = k + 1; break; }
        for (var k = 0; k < length; k++) WriteObject(sc, writer, array.Element, k);
        writer.WriteEndArray();
    }

    /// <summary>Filter elements in the order the tree creates them: by the first rule that writes into each.</summary>
    private static void WriteFiltered(Scratch sc, Utf8JsonWriter writer, FilterNode node, int i)
    {
        writer.WriteStartArray();
        var elements = node.Elements;
        Span<int> firsts = elements.Count <= 32 ? stackalloc int[elements.Count] : new int[elements.Count];
        for (var e = 0; e < elements.Count; e++) firsts[e] = First(sc, elements[e], i);
        while (true)
        {
            var next = -1;
            for (var e = 0; e < elements.Count; e++)
                if (firsts[e] != int.MaxValue && (next < 0 || firsts[e] < firsts[next])) next = e;
            if (next < 0) break;
            WriteObject(sc, writer, elements[next], i);
            firsts[next] = int.MaxValue;
        }
        writer.WriteEndArray();
    }

    /// <summary>The slot of the value a leaf gets at element <paramref name="i"/>: the last rule's that has one (-1 when none).</summary>
    private static int Winner(Scratch sc, LeafNode leaf, int i)
    {
        for (var k = leaf.Steps.Count - 1; k >= 0; k--)
        {
            var r = leaf.Steps[k];
            if (i < sc.Count[r] && !sc.Values[sc.Start[r] + i].IsAbsent) return sc.Start[r] + i;
        }
        return -1;
    }

    /// <summary>The first rule that writes anything under the node at element <paramref name="i"/> (int.MaxValue: nothing, so the node is left out).</summary>
    private static int First(Scratch sc, Node node, int i)
    {
        switch (node)
        {
            case LeafNode leaf:
                foreach (var r in leaf.Steps)
                    if (i < sc.Count[r] && !sc.Values[sc.Start[r] + i].IsAbsent) return r;
                return int.MaxValue;
            case ArrayNode array:
                foreach (var r in array.Steps)
                {
                    if (sc.Empty[r]) return r;
                    for (var k = 0; k < sc.Count[r]; k++)
                        if (!sc.Values[sc.Start[r] + k].IsAbsent) return r;
                }
                return int.MaxValue;
            case ObjectNode o:
                var first = int.MaxValue;
                foreach (var (_, _, child) in o.Children) first = Math.Min(first, First(sc, child, i));
                return first;
            case FilterNode f:
                var min = int.MaxValue;
                foreach (var e in f.Elements) min = Math.Min(min, First(sc, e, i));
                return min;
            default:
                return int.MaxValue;
        }
    }
}
