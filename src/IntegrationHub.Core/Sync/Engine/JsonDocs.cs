using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.Core.Sync.Engine;

internal static class JsonDocs
{
    public static JsonObject ToObject(JsonDocument document) =>
        JsonNode.Parse(document.RootElement.GetRawText()) as JsonObject ?? throw new JsonException("A stored record is not a JSON object.");

    public static JsonDocument ToDocument(JsonNode node) => JsonDocument.Parse(node.ToJsonString());
}
