using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>Property: for invertible rules (direct, unique lookups, date formats), outbound then inbound returns the original record.</summary>
public class RoundTripPropertyTests
{
    private static readonly string[] Statuses = ["draft", "submitted", "authorised", "paid", "voided"];

    private static readonly MappingContext Context = new(CanonicalEntities.Invoice, "xero", "Xero", new Dictionary<string, LookupData>
    {
        ["xero.statuses"] = new(Statuses.ToDictionary(s => s, s => s.ToUpperInvariant())),
    });

    private static readonly IReadOnlyList<MappingRule> Rules = DefaultMappings.Merge(DefaultMappings.For(CanonicalEntities.Invoice),
    [
        new MappingRule("status", "status", Transform: new(TransformTypes.Lookup, Table: "{provider}.statuses")),
        new MappingRule("issueDate", "$raw.DateString", Transform: new(TransformTypes.Date, From: "yyyy-MM-dd", To: "dd/MM/yyyy")),
        new MappingRule("custom.region", "$raw.CustomField[?(@.Name=='Region')].StringValue"),
        new MappingRule("custom.costCentre", "$raw.Tracking[?(@.Name=='CostCentre')].Option"),
        new MappingRule("lines[].custom.project", "lines[].tracking.project"),
        new MappingRule("lines[].taxCode", "lines[].taxCode", Transform: new(TransformTypes.Lookup, Entries: new Dictionary<string, string> { ["S"] = "OUTPUT2", ["Z"] = "ZERORATEDOUTPUT", ["E"] = "EXEMPTOUTPUT" })),
    ]);

    [Fact]
    public void Outbound_then_inbound_returns_the_original_for_1000_random_invoices()
    {
        var (mapping, errors) = MappingCompiler.Compile(Rules, Context);
        Assert.Empty(errors);
        var random = new Random(20261129);
        for (var i = 0; i < 1000; i++)
        {
            var original = RandomInvoice(random);
            var outbound = MappingEngine.Outbound(mapping!, original);
            Assert.True(outbound.Ok, $"case {i}: {string.Join("; ", outbound.Errors)}");
            var inbound = MappingEngine.Inbound(mapping!, outbound.Canonical, outbound.RawPatch);
            Assert.True(inbound.Ok, $"case {i}: {string.Join("; ", inbound.Errors)}");
            Assert.Equal(CanonicalJson.Serialize(original), CanonicalJson.Serialize(inbound.Record));
        }
    }

    [Fact]
    public void Identity_default_round_trips_every_entity()
    {
        var random = new Random(7);
        foreach (var entity in CanonicalEntities.All)
        {
            var context = new MappingContext(entity, "quickbooks", "QuickBooks Online");
            var (mapping, errors) = MappingCompiler.Compile(DefaultMappings.For(entity), context);
            Assert.Empty(errors);
            for (var i = 0; i < 200; i++)
            {
                var record = new JsonObject();
                foreach (var field in CanonicalFields.For(entity))
                {
                    if (field != "currency" && random.Next(4) == 0) continue;
                    var path = MappingPath.Parse(field);
                    if (path.Wildcards == 0) path.Set(record, [], RandomScalar(random, field));
                    else for (var k = 0; k < 3; k++) path.Set(record, [k], RandomScalar(random, field));
                }
                var outbound = MappingEngine.Outbound(mapping!, record);
                Assert.True(outbound.Ok, string.Join("; ", outbound.Errors));
                Assert.Equal(CanonicalJson.Serialize(record), CanonicalJson.Serialize(MappingEngine.Inbound(mapping!, outbound.Canonical, null).Record));
            }
        }
    }

    private static JsonObject RandomInvoice(Random random)
    {
        var invoice = new JsonObject { ["currency"] = random.Next(2) == 0 ? "NOK" : "EUR" };
        if (random.Next(5) > 0) invoice["number"] = "INV-" + random.Next(100000);
        if (random.Next(5) > 0) invoice["customerId"] = Guid.NewGuid().ToString();
        if (random.Next(5) > 0) invoice["issueDate"] = RandomDate(random);
        if (random.Next(3) > 0) invoice["dueDate"] = RandomDate(random);
        if (random.Next(5) > 0) invoice["status"] = Statuses[random.Next(Statuses.Length)];
        if (random.Next(3) == 0) invoice["reference"] = RandomText(random);
        var custom = new JsonObject();
        if (random.Next(2) == 0) custom["region"] = RandomText(random);
        if (random.Next(2) == 0) custom["costCentre"] = RandomText(random);
        if (custom.Count > 0) invoice["custom"] = custom;
        var lines = new JsonArray();
        var count = random.Next(0, 6);
        for (var l = 0; l < count; l++)
        {
            var line = new JsonObject { ["amount"] = RandomAmount(random) };
            if (random.Next(4) > 0) line["description"] = RandomText(random);
            if (random.Next(2) == 0) line["quantity"] = random.Next(1, 50);
            if (random.Next(2) == 0) line["unitPrice"] = RandomAmount(random);
            if (random.Next(2) == 0) line["taxCode"] = new[] { "S", "Z", "E" }[random.Next(3)];
            if (random.Next(2) == 0) line["accountCode"] = random.Next(1000, 9999).ToString();
            if (random.Next(3) == 0) line["custom"] = new JsonObject { ["project"] = RandomText(random) };
            lines.Add(line);
        }
        if (count > 0 || random.Next(2) == 0) invoice["lines"] = lines;
        foreach (var total in new[] { "subtotal", "taxTotal", "total", "amountDue" })
            if (random.Next(4) > 0) invoice[total] = RandomAmount(random);
        return invoice;
    }

    private static JsonNode RandomScalar(Random random, string field) =>
        field.EndsWith("active") ? random.Next(2) == 0 : field.Contains("Date") || field == "date" ? RandomDate(random)
        : field is "currency" ? "USD" : random.Next(3) == 0 ? RandomAmount(random) : RandomText(random);

    private static decimal RandomAmount(Random random) => Math.Round((decimal)random.NextDouble() * 10000m - 100m, 2);

    private static string RandomDate(Random random) => new DateOnly(2020, 1, 1).AddDays(random.Next(3650)).ToString("yyyy-MM-dd");

    private static string RandomText(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzÆØÅéü ßABCXYZ0123456789-'\"\\/&.";
        var chars = new char[random.Next(1, 24)];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars).Trim() is { Length: > 0 } s ? s : "x";
    }
}
