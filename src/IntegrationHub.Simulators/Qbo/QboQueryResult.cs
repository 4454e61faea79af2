using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Simulators.Shared;

namespace IntegrationHub.Simulators.Qbo;

/// <summary>
/// One page of a query. Written straight from the stored objects (no cloning) on the hot path;
/// <see cref="ToJson"/> clones for callers that embed it (batch).
/// </summary>
public sealed record QboQueryResult(string Entity, IReadOnlyList<JsonObject> Rows, int StartPosition, int? TotalCount)
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = SimJson.Options.Encoder };

    public JsonObject ToJson()
    {
        if (TotalCount is { } total) return new JsonObject { ["totalCount"] = total };
        var response = new JsonObject();
        // QBO omits the entity array entirely when nothing matches.
        if (Rows.Count > 0) response[Entity] = new JsonArray([.. Rows.Select(r => r.DeepClone())]);
        response["startPosition"] = StartPosition;
        response["maxResults"] = Rows.Count;
        return response;
    }

    /// <summary>The full <c>{"QueryResponse":{…},"time":…}</c> envelope as UTF-8.</summary>
    public byte[] ToEnvelope(DateTimeOffset now)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(Rows.Count * 1024 + 256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("QueryResponse");
            if (TotalCount is { } total)
            {
                writer.WriteNumber("totalCount", total);
            }
            else
            {
                if (Rows.Count > 0)
                {
                    writer.WriteStartArray(Entity);
                    foreach (var row in Rows) row.WriteTo(writer, SimJson.Options);
                    writer.WriteEndArray();
                }
                writer.WriteNumber("startPosition", StartPosition);
                writer.WriteNumber("maxResults", Rows.Count);
            }
            writer.WriteEndObject();
            writer.WriteString("time", QboTime.Format(now));
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
