using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Seeding;

/// <summary>
/// Builds seeded records with a <see cref="Utf8JsonWriter"/> and parses them into a
/// <see cref="JsonObject"/> that stays backed by its JSON until first touched. Building a node tree
/// per invoice is what made 100,000 invoices slow; this way seeding is a write and a parse, and
/// paging writes untouched records straight from their JSON.
/// </summary>
internal sealed class LazyJson
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly JsonWriterOptions _options = new() { Encoder = SimJson.Options.Encoder };

    public JsonObject Build(Action<Utf8JsonWriter> write)
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, _options))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return (JsonObject)JsonNode.Parse(_buffer.WrittenSpan)!;
    }
}
