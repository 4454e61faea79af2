using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Sync;
using YamlDotNet.RepresentationModel;

namespace IntegrationHub.Connectors.Tests.Simulated;

/// <summary>
/// Every request the Xero connector sends, as the simulator logged it, checked against Xero's published OpenAPI
/// (xero_accounting.yaml). Scope: the path matches a documented path template and the method is documented for it;
/// every required header parameter is present; every query parameter sent is declared for the operation; a PUT/POST
/// carries a body whose top-level key and element property names are declared in the operation's request schema.
/// Not checked: value formats, nested object shapes. QuickBooks publishes no OpenAPI (only XSD entity schemas), so QBO
/// requests are outside this test.
/// </summary>
public class XeroRequestContractTests(ConnectorHarness harness) : IClassFixture<ConnectorHarness>
{
    private const string Prefix = "/xero/api.xro/2.0";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_request_the_connector_sends_matches_the_published_description()
    {
        var xero = harness.Connector("xero");
        var context = await harness.ConnectAsync("xero", Simulator.DemoXeroTenant);
        var mark = await harness.Simulator.LastSequenceAsync();

        foreach (var entity in new[] { "Customer", "Item", "Account", "Invoice", "Payment", "CreditNote" })
        {
            var (records, cursor, _) = await Pages.DrainAsync(xero, context, entity, SyncMode.Full);
            await Pages.DrainAsync(xero, context, entity, SyncMode.Incremental, cursor);
            if (records.Count > 0) Assert.NotNull(await xero.GetAsync(context, entity, records[0].RemoteId, Ct));
        }
        var contact = await xero.CreateAsync(context, "Customer", new OutboundRecord("contract-c", new JsonObject { ["name"] = "Contract Kiwi", ["email"] = "c@example.nz", ["billingAddress"] = new JsonObject { ["line1"] = "1 Queen St", ["city"] = "Auckland" } }, new Dictionary<string, string>()), "contract-key-1", Ct);
        await xero.FindByReferenceAsync(context, "Customer", "ih:contract-c", Ct);
        contact = await xero.UpdateAsync(context, "Customer", new OutboundRecord("contract-c", new JsonObject { ["name"] = "Contract Kiwi", ["phone"] = "09 555 1234" }, new Dictionary<string, string>()), contact, "contract-key-2", Ct);
        var item = (await Pages.DrainAsync(xero, context, "Item", SyncMode.Full)).Records[0];
        var invoice = await xero.CreateAsync(context, "Invoice", new OutboundRecord("contract-i", new JsonObject
        {
            ["customerId"] = contact.RemoteId, ["status"] = "draft", ["issueDate"] = "2026-01-05",
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Thing", ["itemId"] = item.RemoteId, ["quantity"] = 1m, ["unitPrice"] = 9m, ["accountCode"] = "200" }),
        }, new Dictionary<string, string>()), "contract-key-3", Ct);
        await xero.FindByReferenceAsync(context, "Invoice", "ih:contract-i", Ct);
        invoice = await xero.UpdateAsync(context, "Invoice", new OutboundRecord("contract-i", new JsonObject { ["status"] = "submitted" }, new Dictionary<string, string>()), invoice, "contract-key-4", Ct);
        await xero.DeleteAsync(context, "Invoice", invoice, Ct);
        await xero.DeleteAsync(context, "Customer", contact, Ct);

        var sent = (await harness.Simulator.RequestsAsync(Prefix, mark)).ToList();
        Assert.True(sent.Count >= 20, $"expected the connector's traffic in the log, found {sent.Count} requests");
        var problems = sent.SelectMany(Check).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static readonly YamlMappingNode Paths = (YamlMappingNode)VendorSpecs.XeroAccounting.At("paths")!;

    private static IEnumerable<string> Check(JsonElement request)
    {
        var method = request.GetProperty("method").GetString()!.ToLowerInvariant();
        var path = request.GetProperty("path").GetString()![Prefix.Length..];
        var label = $"{method.ToUpperInvariant()} {path}";
        // Several templates can match one path (/Contacts/{ContactID} and /Contacts/{ContactNumber}): the one documenting the method counts.
        var matching = Paths.Children.Select(p => (Key: ((YamlScalarNode)p.Key).Value!, Node: p.Value))
            .Where(p => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$", RegexOptions.IgnoreCase)).ToList();
        if (matching.Count == 0) { yield return $"{label}: no documented path matches"; yield break; }
        var template = matching.FirstOrDefault(p => p.Node.At(method) is YamlMappingNode);
        if (template.Key is null) { yield return $"{label}: {method} is not documented for {matching[0].Key}"; yield break; }
        var operation = (YamlMappingNode)template.Node.At(method)!;
        var parameters = Parameters(template.Node).Concat(Parameters(operation)).ToList();
        var headers = request.GetProperty("headers").EnumerateObject().Select(h => h.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var p in parameters.Where(p => p.In == "header" && p.Required && !headers.Contains(p.Name)))
            yield return $"{label}: required header {p.Name} missing";
        var declaredQuery = parameters.Where(p => p.In == "query").Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var query = request.GetProperty("query").GetString() ?? "";
        foreach (var name in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(q => Uri.UnescapeDataString(q.Split('=')[0])))
            if (!declaredQuery.Contains(name)) yield return $"{label}: query parameter {name} is not declared ({string.Join(", ", declaredQuery)})";
        if (method is "put" or "post")
        {
            var body = request.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? JsonNode.Parse(b.GetString()!) as JsonObject : null;
            var schema = operation.At("requestBody")?.Resolve().At("content", "application/json", "schema")?.Resolve();
            if (body is null) { yield return $"{label}: no JSON body"; yield break; }
            if (schema is null) { yield return $"{label}: the operation documents no JSON request body"; yield break; }
            var properties = Properties(schema);
            foreach (var (key, value) in body)
            {
                if (!properties.TryGetValue(key, out var property)) { yield return $"{label}: body property {key} is not in the request schema"; continue; }
                var elementSchema = property.At("items")?.Resolve();
                if (elementSchema is null || value is not JsonArray elements) continue;
                var elementProperties = Properties(elementSchema);
                foreach (var element in elements.OfType<JsonObject>())
                foreach (var (field, _) in element)
                    if (!elementProperties.ContainsKey(field)) yield return $"{label}: {key}[].{field} is not a property of the element schema";
            }
        }
    }

    private sealed record Parameter(string Name, string In, bool Required);

    private static IEnumerable<Parameter> Parameters(YamlNode node) =>
        (node.At("parameters") as YamlSequenceNode)?.Children.Select(p => p.Resolve()).OfType<YamlMappingNode>()
            .Select(p => new Parameter(((YamlScalarNode)p.At("name")!).Value!, ((YamlScalarNode)p.At("in")!).Value!, (p.At("required") as YamlScalarNode)?.Value == "true"))
        ?? [];

    private static Dictionary<string, YamlNode> Properties(YamlNode schema)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (schema.At("properties") is YamlMappingNode properties)
            foreach (var (key, value) in properties.Children) result[((YamlScalarNode)key).Value!] = value.Resolve();
        if (schema.At("allOf") is YamlSequenceNode all)
            foreach (var part in all.Children)
            foreach (var (key, value) in Properties(part.Resolve())) result[key] = value;
        return result;
    }
}
