using System.Text.Json.Nodes;
using IntegrationHub.Core.Connectors;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>
/// The write plan (UTF-8 output, no node tree) against the node-tree path it replaces: the same JSON, text for text,
/// the same field errors in the same order, for every transform kind, both directions, and random records.
/// </summary>
public class WritePlanTests
{
    private static readonly EntityMetadata Metadata = new("Invoice", "Invoice", ["inbound", "outbound"],
        RequiredFields: ["customerId", "lines", "lines[].amount"],
        FieldTypes: new Dictionary<string, string> { ["issueDate"] = "date", ["total"] = "number", ["lines"] = "array", ["lines[].quantity"] = "number" });

    private static readonly MappingContext Context = new(CanonicalEntities.Invoice, "quickbooks", "QuickBooks Online", new Dictionary<string, LookupData>
    {
        ["quickbooks.accounts"] = new(new Dictionary<string, string> { ["Consulting"] = "4000", ["Rentals"] = "4100" }),
        ["quickbooks.currencies"] = new(new Dictionary<string, string> { ["usd"] = "USD" }),
        ["terms"] = new(new Dictionary<string, string> { ["net30"] = "Net 30" }, Fallback: "Due on receipt"),
    }, Metadata, new HashSet<string> { "USD", "EUR" });

    private static CompiledMapping Compile(IReadOnlyList<MappingRule> rules, MappingContext? context = null)
    {
        var (mapping, errors) = MappingCompiler.Compile(rules, context ?? Context);
        Assert.Empty(errors);
        return mapping!;
    }

    private static void SameOutbound(CompiledMapping mapping, JsonObject record)
    {
        var tree = MappingEngine.OutboundTree(mapping, (JsonObject)record.DeepClone());
        var plan = MappingEngine.Outbound(mapping, (JsonObject)record.DeepClone());
        Assert.Equal(tree.Canonical.ToJsonString(), plan.Canonical.ToJsonString());
        Assert.Equal(tree.RawPatch.ToJsonString(), plan.RawPatch.ToJsonString());
        Assert.Equal(tree.Errors, plan.Errors);
        Assert.Equal(tree.RawPatch.Count == 0, plan.MappedRawPatch.IsEmpty);
    }

    private static void SameInbound(CompiledMapping mapping, JsonObject canonical, JsonObject? raw)
    {
        var tree = MappingEngine.InboundTree(mapping, canonical, raw);
        var plan = MappingEngine.Inbound(mapping, canonical, raw);
        Assert.Equal(tree.Record.ToJsonString(), plan.Record.ToJsonString());
        Assert.Equal(tree.Errors, plan.Errors);
    }

    private static JsonObject Invoice() => JsonNode.Parse("""
        { "number": "INV-1", "customerId": "c1", "currency": "usd", "issueDate": "2026-11-01", "dueDate": "2026-12-01T10:00:00Z",
          "status": "authorised", "reference": "  PO 7 ", "total": 1200.5, "subtotal": 1000.125, "terms": "net30", "note": "a-b-c",
          "custom": { "region": "Zürich", "tier": "gold" },
          "lines": [ { "description": "Line 0", "quantity": 1, "amount": 10.50, "accountCode": "Consulting" },
                     { "description": "Line 1", "quantity": "2", "amount": 20, "accountCode": "Rentals" },
                     { "quantity": 3, "amount": 30, "accountCode": "Consulting" } ] }
        """)!.AsObject();

    public static TheoryData<string, MappingRule> EveryTransform => new()
    {
        { "direct", new("number", "number") },
        { "direct object", new("custom", "custom") },
        { "date", new("issueDate", "issueDate", Transform: new(TransformTypes.Date, To: "dd/MM/yyyy")) },
        { "date-time to date", new("dueDate", "dueDate", Transform: new(TransformTypes.Date)) },
        { "date, other format", new("issueDate", "issued", Transform: new(TransformTypes.Date, From: "yyyy-MM-dd", To: "MMM d, yyyy")) },
        { "number", new("subtotal", "subtotal", Transform: new(TransformTypes.Number, Decimals: 2, Rounding: "toEven")) },
        { "number from text", new("lines[].quantity", "lines[].quantity", Transform: new(TransformTypes.Number)) },
        { "upper", new("custom.region", "region", Transform: new(TransformTypes.Upper)) },
        { "lower", new("number", "number", Transform: new(TransformTypes.Lower)) },
        { "title", new("status", "status", Transform: new(TransformTypes.Title)) },
        { "trim", new("reference", "reference", Transform: new(TransformTypes.Trim)) },
        { "concat", new("", "$raw.PrivateNote", MappingDirection.Outbound, Transform: new(TransformTypes.Concat, Paths: ["number", "reference", "missing"], Separator: " / ")) },
        { "split", new("note", "note", MappingDirection.Outbound, Transform: new(TransformTypes.Split, Separator: "-", Index: -1)) },
        { "regex", new("number", "number", MappingDirection.Outbound, Transform: new(TransformTypes.Regex, Pattern: "[0-9]+", Replacement: "#")) },
        { "lookup, inline", new("status", "status", Transform: new(TransformTypes.Lookup, Entries: new Dictionary<string, string> { ["authorised"] = "AUTHORISED" })) },
        { "lookup, table with fallback", new("terms", "terms", MappingDirection.Outbound, Transform: new(TransformTypes.Lookup, Table: "terms")) },
        { "lookup, reference", new("lines[].accountCode", "lines[].accountCode", Transform: new(TransformTypes.Lookup, Table: "{provider}.accounts", Reference: ReferenceKinds.Account)) },
        { "constant", new("", "$raw.Source", MappingDirection.Outbound, Transform: new(TransformTypes.Constant, Value: JsonNode.Parse("""{"app":"hub","v":[1,2]}"""))) },
        { "compute, string", new("", "$raw.SizeBand", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "record.total > 1000 ? 'large' : 'small'")) },
        { "compute, number", new("total", "total", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "round(value * 1.2, 2)")) },
        { "compute, boolean", new("", "flag", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "record.status === 'authorised'")) },
        { "compute, object", new("", "meta", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "({ n: record.number, lines: record.lines.length })")) },
        { "compute, per line", new("lines[].amount", "lines[].amount", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "value * 2")) },
        { "default", new("missing", "memo", Default: JsonValue.Create("none")) },
        { "default per line", new("lines[].description", "lines[].description", Default: JsonValue.Create("(no text)")) },
        { "raw filter", new("custom.region", "$raw.CustomField[?(@.Name=='Region')].StringValue", Transform: new(TransformTypes.Upper)) },
        { "nested target", new("custom.tier", "extra.custom.tier") },
    };

    [Theory]
    [MemberData(nameof(EveryTransform))]
    public void Every_transform_writes_what_the_tree_writes(string kind, MappingRule rule)
    {
        // Each rule next to the default invoice mapping, so its output sits among other fields as in a real mapping.
        var mapping = Compile(DefaultMappings.Merge(DefaultMappings.For(CanonicalEntities.Invoice), [rule]));
        Assert.True(mapping.PlansOutbound, kind);
        SameOutbound(mapping, Invoice());
        var outbound = MappingEngine.OutboundTree(mapping, Invoice());
        Assert.True(mapping.PlansInbound, kind);
        SameInbound(mapping, outbound.Canonical, outbound.RawPatch);
    }

    [Fact]
    public void Field_errors_come_in_the_same_order_with_the_same_paths_and_reasons()
    {
        var mapping = Compile(
        [
            new("customerId", "customerId", Required: true),
            new("issueDate", "issueDate", Transform: new(TransformTypes.Date, From: "dd/MM/yyyy")),
            new("total", "total", Transform: new(TransformTypes.Number)),
            new("lines[].amount", "lines[].amount", Required: true),
            new("lines[].quantity", "lines[].quantity"),
            new("lines[].accountCode", "lines[].accountCode", Transform: new(TransformTypes.Lookup, Table: "{provider}.accounts", Reference: ReferenceKinds.Account)),
            new("", "$raw.Bad", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "record.nothing.deeper")),
            new("currency", "currency"),
        ]);
        var record = JsonNode.Parse("""
            { "issueDate": "2026-11-01", "total": "ten", "currency": "GBP",
              "lines": [ { "amount": 1, "quantity": "two", "accountCode": "Travel" }, { "quantity": 1 }, null ] }
            """)!.AsObject();
        SameOutbound(mapping, record);
        var errors = MappingEngine.Outbound(mapping, record).Errors;
        // Rule errors in rule order, then the provider's required fields and types on the output (two lines: the null third
        // line wrote nothing), then currency.
        Assert.Equal(["customerId", "issueDate", "total", "lines[1].amount", "lines[2].amount", "lines[0].accountCode", "$raw.Bad",
            "customerId", "lines[1].amount", "lines[0].quantity", "currency"], errors.Select(e => e.Path));
        Assert.Equal("Currency 'GBP' is not enabled in QuickBooks Online and has no currency mapping (lookup table 'quickbooks.currencies').", errors[^1].Reason);
    }

    [Fact]
    public void Currency_mapping_rewrites_the_output_as_the_tree_does()
    {
        var mapping = Compile([new("currency", "currency"), new("customerId", "customerId"), new("lines[].amount", "lines[].amount")]);
        var plan = MappingEngine.Outbound(mapping, Invoice());
        Assert.True(plan.Ok, string.Join("; ", plan.Errors));
        Assert.Equal("USD", plan.Canonical["currency"]!.GetValue<string>());
        SameOutbound(mapping, Invoice());
    }

    [Fact]
    public void Arrays_keep_their_length_gaps_and_emptiness()
    {
        var mapping = Compile([new("lines[].description", "lines[].description"), new("lines[].discount", "lines[].discount"), new("customerId", "customerId")]);
        var plan = MappingEngine.Outbound(mapping, JsonNode.Parse("""{ "lines": [ { "discount": 1 }, {}, { "description": "x" }, {} ] }""")!.AsObject());
        Assert.Equal("""{"lines":[{"discount":1},{},{"description":"x"}]}""", plan.Canonical.ToJsonString());
        SameOutbound(mapping, JsonNode.Parse("""{ "lines": [] }""")!.AsObject());
        Assert.Equal("""{"lines":[]}""", MappingEngine.Outbound(mapping, JsonNode.Parse("""{ "lines": [] }""")!.AsObject()).Canonical.ToJsonString());
        SameOutbound(mapping, JsonNode.Parse("""{ "lines": "not an array" }""")!.AsObject());
        SameOutbound(mapping, new JsonObject());
        // A missing array with a default: the tree writes the default at index 0.
        var withDefault = Compile([new("lines[].description", "lines[].description", Default: JsonValue.Create("d"))]);
        SameOutbound(withDefault, new JsonObject());
        Assert.Equal("""{"lines":[{"description":"d"}]}""", MappingEngine.Outbound(withDefault, new JsonObject()).Canonical.ToJsonString());
    }

    [Fact]
    public void Filter_elements_are_ordered_by_the_first_rule_that_writes_them()
    {
        var mapping = Compile(
        [
            new("a", "$raw.CustomField[?(@.Name=='A')].StringValue"),
            new("b", "$raw.CustomField[?(@.Name=='B')].StringValue"),
            new("a2", "$raw.CustomField[?(@.Name=='A')].Other"),
            new("lines[].project", "$raw.Line[].Tracking[?(@.Name=='Project')].Option"),
        ], new MappingContext(CanonicalEntities.Project, "xero", "Xero"));
        var record = JsonNode.Parse("""{ "b": "2", "a2": "1", "lines": [ { "project": "P1" }, {}, { "project": "P3" } ] }""")!.AsObject();
        Assert.Equal("""{"CustomField":[{"Name":"B","StringValue":"2"},{"Name":"A","Other":"1"}],"Line":[{"Tracking":[{"Name":"Project","Option":"P1"}]},{},{"Tracking":[{"Name":"Project","Option":"P3"}]}]}""",
            MappingEngine.Outbound(mapping, record).RawPatch.ToJsonString());
        SameOutbound(mapping, record);
        SameInbound(mapping, new JsonObject(), MappingEngine.Outbound(mapping, record).RawPatch);
    }

    [Fact]
    public void Two_rules_writing_one_field_keep_the_last_value_as_the_tree_does()
    {
        var mapping = Compile([new("first", "name"), new("second", "name", MappingDirection.Outbound)], new MappingContext(CanonicalEntities.Customer, "xero", "Xero"));
        Assert.True(mapping.PlansOutbound);
        SameOutbound(mapping, JsonNode.Parse("""{ "first": "1", "second": "2" }""")!.AsObject());
        SameOutbound(mapping, JsonNode.Parse("""{ "first": "1" }""")!.AsObject());
        Assert.Equal("1", MappingEngine.Outbound(mapping, JsonNode.Parse("""{ "first": "1" }""")!.AsObject()).Canonical["name"]!.GetValue<string>());
    }

    public static TheoryData<string, MappingRule[]> TreeOnlyShapes => new()
    {
        { "nested []", [new("lines[].parts[].sku", "lines[].parts[].sku")] },
        { "fixed index", [new("firstLine", "lines[0].description", MappingDirection.Outbound)] },
        { "field and a field inside it", [new("custom", "extra"), new("custom.tier", "extra.tier")] },
        { "filter on its own field", [new("name", "$raw.CustomField[?(@.Name=='A')].Name")] },
    };

    [Theory]
    [MemberData(nameof(TreeOnlyShapes))]
    public void Shapes_the_plan_cannot_write_run_on_the_tree(string shape, MappingRule[] rules)
    {
        var mapping = Compile(rules, new MappingContext(CanonicalEntities.Project, "xero", "Xero"));
        Assert.False(mapping.PlansOutbound, shape);
        var record = JsonNode.Parse("""{ "lines": [ { "parts": [ { "sku": "s" } ] } ], "firstLine": "f", "custom": { "tier": "t" }, "name": "n" }""")!.AsObject();
        var result = MappingEngine.Outbound(mapping, record);
        Assert.Equal(MappingEngine.OutboundTree(mapping, record).Canonical.ToJsonString(), result.Canonical.ToJsonString());
        Assert.Equal(MappingEngine.OutboundTree(mapping, record).RawPatch.ToJsonString(), result.RawPatch.ToJsonString());
        Assert.True(result.Canonical.Count + result.RawPatch.Count > 0, shape);
    }

    [Fact]
    public void Random_records_map_identically_both_ways()
    {
        var rules = DefaultMappings.Merge(DefaultMappings.For(CanonicalEntities.Invoice),
        [
            new("status", "status", Transform: new(TransformTypes.Lookup, Entries: new Dictionary<string, string> { ["draft"] = "DRAFT", ["paid"] = "PAID" })),
            new("issueDate", "issueDate", Transform: new(TransformTypes.Date, To: "dd/MM/yyyy")),
            new("reference", "reference", Transform: new(TransformTypes.Trim)),
            new("total", "total", Transform: new(TransformTypes.Number, Decimals: 2), Required: true),
            new("lines[].accountCode", "lines[].accountCode", Transform: new(TransformTypes.Lookup, Table: "{provider}.accounts", Reference: ReferenceKinds.Account)),
            new("lines[].description", "lines[].description", Default: JsonValue.Create("-")),
            new("custom.region", "$raw.CustomField[?(@.Name=='Region')].StringValue"),
            new("custom.tier", "$raw.CustomField[?(@.Name=='Tier')].StringValue"),
            new("", "$raw.PrivateNote", MappingDirection.Outbound, Transform: new(TransformTypes.Concat, Paths: ["number", "reference"])),
            new("", "$raw.SizeBand", MappingDirection.Outbound, Transform: new(TransformTypes.Compute, Expression: "record.total > 1000 ? 'large' : null")),
        ]);
        var mapping = Compile(rules);
        Assert.True(mapping.PlansOutbound && mapping.PlansInbound);
        var random = new Random(20261130);
        for (var i = 0; i < 500; i++)
        {
            var record = RandomInvoice(random);
            SameOutbound(mapping, record);
            var outbound = MappingEngine.OutboundTree(mapping, record);
            SameInbound(mapping, outbound.Canonical, random.Next(4) == 0 ? null : outbound.RawPatch);
            SameInbound(mapping, record, RandomValue(random, 2) as JsonObject);
        }
    }

    private static readonly string[] Fields = ["number", "customerId", "currency", "issueDate", "dueDate", "status", "reference", "total", "subtotal"];

    private static JsonObject RandomInvoice(Random random)
    {
        var record = new JsonObject();
        foreach (var field in Fields)
            if (random.Next(5) != 0) record[field] = Likely(random, field);
        if (random.Next(6) != 0)
        {
            var lines = new JsonArray();
            for (var l = random.Next(4); l > 0; l--)
                lines.Add(random.Next(8) == 0 ? null : new JsonObject
                {
                    ["description"] = random.Next(3) == 0 ? null : RandomValue(random, 0), ["amount"] = random.Next(4) == 0 ? "12.5" : random.Next(1000) / 4m,
                    ["quantity"] = random.Next(3), ["accountCode"] = random.Next(5) == 0 ? "Unknown" : "Consulting", ["taxCode"] = random.Next(2) == 0 ? "S" : null,
                });
            record["lines"] = random.Next(10) == 0 ? JsonValue.Create("oops") : lines;
        }
        if (random.Next(3) != 0) record["custom"] = new JsonObject { ["region"] = RandomValue(random, 0), ["tier"] = random.Next(2) == 0 ? "gold" : null };
        return record;
    }

    private static JsonNode? Likely(Random random, string field) => random.Next(6) == 0 ? RandomValue(random, 1) : field switch
    {
        "issueDate" or "dueDate" => random.Next(2) == 0 ? "2026-02-28" : "2026-11-30T23:00:00Z",
        "total" or "subtotal" => random.Next(100_000) / 100m,
        "currency" => random.Next(3) switch { 0 => "usd", 1 => "EUR", _ => "GBP" },
        "status" => random.Next(2) == 0 ? "draft" : "authorised",
        _ => " value " + random.Next(100),
    };

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 8 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-500, 500) / 8m),
        3 => JsonValue.Create(""),
        4 => JsonValue.Create("Zürich \"quoted\" <b>"),
        5 => JsonValue.Create("text " + random.Next(10)),
        6 => new JsonObject { ["CustomField"] = new JsonArray(new JsonObject { ["Name"] = "Region", ["StringValue"] = RandomValue(random, depth - 1) }) },
        _ => new JsonArray(RandomValue(random, depth - 1), RandomValue(random, depth - 1)),
    };
}
