using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IntegrationHub.Connectors.Tests.Infrastructure;
using IntegrationHub.Core.Sync;

namespace IntegrationHub.Connectors.Tests.Simulated;

/// <summary>
/// Every request the QBO connector sends, as the simulator logged it. Intuit publishes no OpenAPI for QBO, so the check
/// has two parts with different sources: routes, methods and query parameters against the endpoint list of Intuit's docs
/// (VENDORS.md section 1: entity create/update/read, query, cdc; requestid and operation on writes); every JSON property
/// name in a write body, at every depth, against Intuit's XSD entity schemas (Finance.xsd and its includes; JSON names
/// are the XSD element and attribute names). Value formats are not checked.
/// </summary>
public class QboRequestContractTests(ConnectorHarness harness) : IClassFixture<ConnectorHarness>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Entities = ["customer", "item", "account", "invoice", "payment", "creditmemo"];

    [Fact]
    public async Task Every_request_the_connector_sends_matches_the_published_description()
    {
        var qbo = harness.Connector("quickbooks");
        var context = await harness.ConnectAsync("quickbooks", Simulator.DemoRealm);
        var mark = await harness.Simulator.LastSequenceAsync();
        foreach (var entity in new[] { "Customer", "Item", "Account", "Invoice", "Payment", "CreditNote" })
        {
            var (records, cursor, _) = await Pages.DrainAsync(qbo, context, entity, SyncMode.Full);
            await Pages.DrainAsync(qbo, context, entity, SyncMode.Incremental, cursor);
            if (records.Count > 0) Assert.NotNull(await qbo.GetAsync(context, entity, records[0].RemoteId, Ct));
            await qbo.FindByReferenceAsync(context, entity, "ih:nothing", Ct);
        }
        var customer = await qbo.CreateAsync(context, "Customer", new OutboundRecord("qc-1", new JsonObject
        {
            ["name"] = "Contract Checked Co", ["email"] = "cc@example.com", ["phone"] = "555-0100", ["currency"] = "USD", ["taxNumber"] = "99-1",
            ["billingAddress"] = new JsonObject { ["line1"] = "1 Main St", ["city"] = "Springfield", ["region"] = "IL", ["postalCode"] = "62701", ["country"] = "USA" },
        }, new Dictionary<string, string>()), "qc-key-1", Ct);
        customer = await qbo.UpdateAsync(context, "Customer", new OutboundRecord("qc-1", new JsonObject { ["name"] = "Contract Checked Co", ["email"] = "cc2@example.com" }, new Dictionary<string, string>()), customer, "qc-key-2", Ct);
        var item = (await Pages.DrainAsync(qbo, context, "Item", SyncMode.Full)).Records[0];
        var invoice = await qbo.CreateAsync(context, "Invoice", new OutboundRecord("qi-1", new JsonObject
        {
            ["customerId"] = customer.RemoteId, ["issueDate"] = "2026-01-10", ["dueDate"] = "2026-02-10", ["currency"] = "USD", ["taxTotal"] = 4.5m,
            ["lines"] = new JsonArray(new JsonObject { ["description"] = "Checked", ["itemId"] = item.RemoteId, ["quantity"] = 2m, ["unitPrice"] = 30m, ["taxCode"] = "TAX" }),
        }, new Dictionary<string, string>()), "qi-key-1", Ct);
        invoice = await qbo.UpdateAsync(context, "Invoice", new OutboundRecord("qi-1", new JsonObject { ["dueDate"] = "2026-03-10" }, new Dictionary<string, string>()), invoice, "qi-key-2", Ct);
        var credit = await qbo.CreateAsync(context, "CreditNote", new OutboundRecord("qm-1", new JsonObject
        {
            ["customerId"] = customer.RemoteId, ["lines"] = new JsonArray(new JsonObject { ["description"] = "Refund", ["itemId"] = item.RemoteId, ["quantity"] = 1m, ["unitPrice"] = 10m }),
        }, new Dictionary<string, string>()), "qm-key-1", Ct);
        await qbo.DeleteAsync(context, "CreditNote", credit, Ct);
        await qbo.DeleteAsync(context, "Invoice", invoice, Ct);
        await qbo.DeleteAsync(context, "Customer", (await qbo.GetAsync(context, "Customer", customer.RemoteId, Ct))!, Ct);

        var sent = (await harness.Simulator.RequestsAsync("/qbo/v3/company/", mark)).ToList();
        Assert.True(sent.Count >= 30, $"expected the connector's traffic in the log, found {sent.Count} requests");
        Assert.Contains(sent, r => r.GetProperty("method").GetString() == "POST");
        var problems = sent.SelectMany(Check).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_xsd_check_rejects_names_intuit_does_not_define()
    {
        var body = (JsonObject)JsonNode.Parse("""{"DisplayName":"x","Bogus":1,"BillAddr":{"Line1":"a","Street":"b"},"CurrencyRef":{"value":"USD","name":"US Dollar"}}""")!;
        var problems = Xsd.Check(body, Xsd.EntityType("customer"), "customer").ToList();
        Assert.Equal(["customer.Bogus is not in XSD type Customer", "customer.BillAddr.Street is not in XSD type PhysicalAddress"], problems);
        var line = (JsonObject)JsonNode.Parse("""{"CustomerRef":{"value":"1"},"Line":[{"Amount":1,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":1,"Price":2}}]}""")!;
        Assert.Equal(["invoice.Line.SalesItemLineDetail.Price is not in XSD type SalesItemLineDetail"], Xsd.Check(line, Xsd.EntityType("invoice"), "invoice"));
    }

    private static IEnumerable<string> Check(JsonElement request)
    {
        var method = request.GetProperty("method").GetString()!;
        var path = request.GetProperty("path").GetString()!;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[4..]; // qbo v3 company {realm}
        var label = $"{method} {path}";
        var query = (request.GetProperty("query").GetString() ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(q => Uri.UnescapeDataString(q.Split('=')[0])).ToList();
        string[] allowed;
        switch (segments)
        {
            case ["query"] when method == "GET": allowed = ["query", "minorversion"]; break;
            case ["cdc"] when method == "GET": allowed = ["entities", "changedSince", "minorversion"]; break;
            case [var e, _] when method == "GET" && Entities.Contains(e): allowed = ["minorversion"]; break;
            case [var e] when method == "POST" && Entities.Contains(e): allowed = ["requestid", "operation", "minorversion"]; break;
            default: yield return $"{label}: not a documented QBO route and method"; yield break;
        }
        foreach (var name in query.Where(q => !allowed.Contains(q))) yield return $"{label}: query parameter {name} is not documented here";
        if (segments is ["cdc"] && !(query.Contains("entities") && query.Contains("changedSince"))) yield return $"{label}: cdc needs entities and changedSince";
        if (method != "POST") yield break;
        var body = request.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String ? JsonNode.Parse(b.GetString()!) as JsonObject : null;
        if (body is null) { yield return $"{label}: no JSON body"; yield break; }
        var type = Xsd.EntityType(segments[0]);
        foreach (var problem in Xsd.Check(body, type, segments[0])) yield return $"{label}: {problem}";
    }

    /// <summary>Property names of JSON bodies against Intuit's XSD complex types (elements and attributes, with extension bases).</summary>
    private static class Xsd
    {
        private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";
        private static readonly Lazy<Dictionary<string, XElement>> Types = new(() =>
        {
            var types = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var file in new[] { "IntuitBaseTypes.xsd", "IntuitNamesTypes.xsd", "Finance.xsd" })
            foreach (var type in XDocument.Load(Path.Combine(VendorSpecs.RootPath, "quickbooks", "xsd", file)).Root!.Elements(Xs + "complexType"))
                types[type.Attribute("name")!.Value] = type;
            return types;
        });

        public static string EntityType(string segment) => Types.Value.Keys.Single(k => string.Equals(k, segment, StringComparison.OrdinalIgnoreCase));

        public static IEnumerable<string> Check(JsonObject json, string typeName, string at)
        {
            var members = Members(typeName);
            foreach (var (key, value) in json)
            {
                if (!members.TryGetValue(key, out var memberType)) { yield return $"{at}.{key} is not in XSD type {typeName}"; continue; }
                if (memberType is null || !Types.Value.ContainsKey(memberType)) continue;
                var objects = value switch { JsonObject o => [o], JsonArray a => a.OfType<JsonObject>().ToList(), _ => new List<JsonObject>() };
                foreach (var o in objects)
                foreach (var problem in Check(o, memberType, $"{at}.{key}")) yield return problem;
            }
        }

        /// <summary>Element and attribute names of a complex type (and its bases) with their type names; simple content reads as "value".</summary>
        private static Dictionary<string, string?> Members(string typeName)
        {
            var result = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var name = typeName; name is not null && Types.Value.TryGetValue(name, out var type);)
            {
                foreach (var element in type.Descendants(Xs + "element").Where(e => e.Attribute("name") is not null))
                    result.TryAdd(element.Attribute("name")!.Value, Local(element.Attribute("type")?.Value));
                foreach (var attribute in type.Descendants(Xs + "attribute").Where(a => a.Attribute("name") is not null))
                    result.TryAdd(attribute.Attribute("name")!.Value, null);
                if (type.Descendants(Xs + "simpleContent").Any()) result.TryAdd("value", null);
                name = Local(type.Descendants(Xs + "extension").FirstOrDefault()?.Attribute("base")?.Value);
            }
            return result;
        }

        private static string? Local(string? qualified) => qualified?.Split(':')[^1];
    }
}
