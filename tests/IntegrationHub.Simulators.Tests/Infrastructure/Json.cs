using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.Simulators.Tests.Infrastructure;

public static class Json
{
    public static async Task<JsonNode> Body(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PostObject(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static string Q(string query) => Uri.EscapeDataString(query);
}
