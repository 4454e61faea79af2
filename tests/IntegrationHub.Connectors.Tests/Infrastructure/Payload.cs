using System.Text.Json.Nodes;

namespace IntegrationHub.Connectors.Tests.Infrastructure;

public static class Payload
{
    public static JsonObject Load(string name) => (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Payloads", name)))!;

    public static decimal Dec(JsonNode? node) => node!.GetValue<decimal>();

    public static string? Str(JsonNode? node) => node?.GetValue<string>();
}
