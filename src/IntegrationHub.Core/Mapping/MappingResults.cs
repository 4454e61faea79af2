using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Mapping;

/// <summary>
/// Mapped JSON as the engine produced it: UTF-8 bytes from the write plan (parsed into a node only when a caller asks
/// for <see cref="Node"/>), or a node from the tree path (serialized only when asked for <see cref="Utf8"/>).
/// </summary>
public sealed class MappedJson
{
    private byte[]? _utf8;
    private JsonObject? _node;

    internal MappedJson(byte[] utf8) => _utf8 = utf8;
    internal MappedJson(JsonObject node) => _node = node;

    public ReadOnlyMemory<byte> Utf8 => _utf8 ??= JsonSerializer.SerializeToUtf8Bytes(_node, WritePlanJson.Options);

    /// <summary>The object (parsed once, then the same instance: callers may change it).</summary>
    public JsonObject Node => _node ??= Parse(_utf8!);

    // Nodes over a document on the plan's own bytes (no copy, filled in lazily as they are read); the document is never
    // disposed because the nodes keep reading it — its pooled buffers are simply collected with it.
    private static JsonObject Parse(byte[] utf8) =>
        utf8.Length <= 2 ? new JsonObject() : JsonObject.Create(JsonDocument.Parse(utf8.AsMemory()).RootElement)!;

    /// <summary>Whether the object has no fields, without parsing it.</summary>
    public bool IsEmpty => _node?.Count == 0 || _node is null && _utf8!.Length <= 2;
}

public sealed class InboundResult(MappedJson record, IReadOnlyList<MappingError> errors)
{
    internal InboundResult(JsonObject record, IReadOnlyList<MappingError> errors) : this(new MappedJson(record), errors) { }

    public MappedJson Mapped { get; } = record;
    public JsonObject Record => Mapped.Node;
    public IReadOnlyList<MappingError> Errors { get; } = errors;
    public bool Ok => Errors.Count == 0;
}

/// <summary>Outbound output: the canonical record for the connector, the raw provider fields it must merge onto its payload, and field errors.</summary>
public sealed class OutboundResult(MappedJson canonical, MappedJson rawPatch, IReadOnlyList<MappingError> errors)
{
    internal OutboundResult(JsonObject canonical, JsonObject rawPatch, IReadOnlyList<MappingError> errors)
        : this(new MappedJson(canonical), new MappedJson(rawPatch), errors) { }

    public MappedJson MappedCanonical { get; } = canonical;
    public MappedJson MappedRawPatch { get; } = rawPatch;
    public JsonObject Canonical => MappedCanonical.Node;
    public JsonObject RawPatch => MappedRawPatch.Node;
    public IReadOnlyList<MappingError> Errors { get; } = errors;
    public bool Ok => Errors.Count == 0;
}

internal static class WritePlanJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = WritePlan.Encoder };
}
