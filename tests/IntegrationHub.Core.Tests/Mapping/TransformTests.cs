using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Tests.Mapping;

public class TransformTests
{
    private static readonly MappingContext Context = new(CanonicalEntities.Project, "quickbooks", "QuickBooks Online",
        new Dictionary<string, LookupData>
        {
            ["status"] = new(new Dictionary<string, string> { ["active"] = "A", ["closed"] = "C" }, Fallback: "X"),
            ["quickbooks.accounts"] = new(new Dictionary<string, string> { ["Consulting"] = "4000" }),
        });

    /// <summary>Maps host field "v" (with the record's other fields available) outbound to remote "out".</summary>
    private static OutboundResult Out(MappingTransform transform, JsonNode? value, JsonObject? record = null, string localPath = "v")
    {
        record ??= new JsonObject();
        if (value is not null) record["v"] = value;
        return MappingEngine.Outbound([new MappingRule(localPath, "out", MappingDirection.Outbound, Transform: transform)], record, Context);
    }

    private static string? Result(OutboundResult r)
    {
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        return r.Canonical["out"]?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [Fact] public void Direct_copies() => Assert.Equal("\"x\"", Result(Out(new(), "x")));

    [Theory]
    [InlineData("yyyy-MM-dd", "dd/MM/yyyy", "2026-03-07", "\"07/03/2026\"")]
    [InlineData("dd.MM.yyyy", "yyyy-MM-dd", "07.03.2026", "\"2026-03-07\"")]
    [InlineData("yyyy-MM-dd", "yyyy-MM-dd", "2026-03-07T22:15:00Z", "\"2026-03-07\"")]
    public void Date_formats(string from, string to, string input, string expected) =>
        Assert.Equal(expected, Result(Out(new(TransformTypes.Date, From: from, To: to), input)));

    [Fact]
    public void Date_that_does_not_parse_is_a_field_error()
    {
        var r = Out(new(TransformTypes.Date, To: "dd/MM/yyyy"), "yesterday");
        Assert.Equal("out", Assert.Single(r.Errors).Path);
        Assert.Contains("not a date", r.Errors[0].Reason);
    }

    [Theory]
    [InlineData(2, "awayFromZero", "2.345", "2.35")]
    [InlineData(2, "toEven", "2.345", "2.34")]
    [InlineData(0, "down", "-2.5", "-3")]
    [InlineData(1, null, "\"7.25\"", "7.3")]
    public void Numbers_round(int decimals, string? rounding, string input, string expected) =>
        Assert.Equal(expected, Result(Out(new(TransformTypes.Number, Decimals: decimals, Rounding: rounding), JsonNode.Parse(input))));

    [Fact]
    public void Non_numbers_are_field_errors() => Assert.Contains("not a number", Assert.Single(Out(new(TransformTypes.Number), "abc").Errors).Reason);

    [Theory]
    [InlineData(TransformTypes.Upper, "mIxEd case", "\"MIXED CASE\"")]
    [InlineData(TransformTypes.Lower, "mIxEd case", "\"mixed case\"")]
    [InlineData(TransformTypes.Title, "mIxEd case", "\"Mixed Case\"")]
    [InlineData(TransformTypes.Trim, "  padded \t", "\"padded\"")]
    public void Case_and_trim(string type, string input, string expected) => Assert.Equal(expected, Result(Out(new(type), input)));

    [Fact]
    public void Concat_joins_present_fields()
    {
        var record = new JsonObject { ["first"] = "Ada", ["last"] = "Lovelace", ["address"] = new JsonObject { ["city"] = "London" } };
        Assert.Equal("\"Ada Lovelace\"", Result(Out(new(TransformTypes.Concat, Paths: ["first", "last"], Separator: " "), null, record, "")));
        Assert.Equal("\"Ada-London\"", Result(Out(new(TransformTypes.Concat, Paths: ["first", "middle", "address.city"], Separator: "-"), null, record, "")));
    }

    [Theory]
    [InlineData(0, "\"Ada\"")]
    [InlineData(-1, "\"Lovelace\"")]
    [InlineData(5, null)]
    public void Split_takes_one_part(int index, string? expected) =>
        Assert.Equal(expected, Result(Out(new(TransformTypes.Split, Separator: " ", Index: index), "Ada King Lovelace")));

    [Fact]
    public void Regex_replaces()
    {
        Assert.Equal("\"+4712345678\"", Result(Out(new(TransformTypes.Regex, Pattern: @"[^\d+]", Replacement: ""), "+47 123 45 678")));
        Assert.Equal("\"INV-0042\"", Result(Out(new(TransformTypes.Regex, Pattern: @"^(\d+)$", Replacement: "INV-$1"), "0042")));
    }

    [Fact]
    public void Catastrophic_regex_times_out_as_a_field_error()
    {
        var r = Out(new(TransformTypes.Regex, Pattern: "^(a+)+$", Replacement: "x"), new string('a', 40) + "!");
        Assert.Contains("longer than", Assert.Single(r.Errors).Reason);
    }

    [Fact]
    public void Lookup_maps_and_falls_back()
    {
        Assert.Equal("\"A\"", Result(Out(new(TransformTypes.Lookup, Table: "status"), "active")));
        Assert.Equal("\"X\"", Result(Out(new(TransformTypes.Lookup, Table: "status"), "unknown")));
        Assert.Equal("\"n\"", Result(Out(new(TransformTypes.Lookup, Entries: new Dictionary<string, string> { ["1"] = "n" }), 1)));
        Assert.Contains("not in the lookup table", Assert.Single(Out(new(TransformTypes.Lookup, Entries: new Dictionary<string, string>()), "q").Errors).Reason);
    }

    [Fact]
    public void Unmapped_account_reference_blocks_with_a_clear_reason()
    {
        var r = Out(new(TransformTypes.Lookup, Table: "{provider}.accounts", Reference: ReferenceKinds.Account), "Rentals");
        Assert.Equal("Host category 'Rentals' has no account mapping for QuickBooks Online.", Assert.Single(r.Errors).Reason);
        Assert.Equal("\"4000\"", Result(Out(new(TransformTypes.Lookup, Table: "{provider}.accounts", Reference: ReferenceKinds.Account), "Consulting")));
    }

    [Fact]
    public void Constant_ignores_the_source() => Assert.Equal("\"fixed\"", Result(Out(new(TransformTypes.Constant, Value: "fixed"), null, localPath: "")));

    [Fact]
    public void Compute_uses_record_value_and_helpers()
    {
        var record = new JsonObject { ["total"] = 1200.5m, ["issueDate"] = "2026-01-31", ["lines"] = new JsonArray(new JsonObject { ["amount"] = 2 }, new JsonObject { ["amount"] = 3 }) };
        Assert.Equal("\"large\"", Result(Out(new(TransformTypes.Compute, Expression: "record.total > 1000 ? 'large' : 'small'"), null, record, "")));
        Assert.Equal("\"2026-02-28\"", Result(Out(new(TransformTypes.Compute, Expression: "dates.addMonths(record.issueDate, 1)"), null, record, "")));
        Assert.Equal("\"2026-03-02\"", Result(Out(new(TransformTypes.Compute, Expression: "dates.addDays(record.issueDate, 30)"), null, record, "")));
        Assert.Equal("5", Result(Out(new(TransformTypes.Compute, Expression: "record['lines'].reduce((s, l) => s + l.amount, 0)"), null, record, "")));
        Assert.Equal("21", Result(Out(new(TransformTypes.Compute, Expression: "round(value * 1.05, 0)"), 20)));
        Assert.Equal("\"31.01.2026\"", Result(Out(new(TransformTypes.Compute, Expression: "dates.format(record.issueDate, 'dd.MM.yyyy')"), null, record, "")));
    }

    [Fact]
    public void Missing_values_take_the_default_or_fail_when_required()
    {
        var rules = new List<MappingRule>
        {
            new("terms", "terms", MappingDirection.Outbound, Default: "NET30"),
            new("email", "email", MappingDirection.Outbound, Required: true),
        };
        var r = MappingEngine.Outbound(rules, new JsonObject(), Context);
        Assert.Equal("NET30", r.Canonical["terms"]!.GetValue<string>());
        var error = Assert.Single(r.Errors);
        Assert.Equal("email", error.Path);
        Assert.Contains("Required value is missing", error.Reason);
    }

    [Fact]
    public void Raw_targets_go_to_the_raw_patch()
    {
        var r = MappingEngine.Outbound([new MappingRule("region", "$raw.CustomField[?(@.Name=='Region')].StringValue", Transform: new(TransformTypes.Upper))],
            new JsonObject { ["region"] = "emea" }, Context);
        Assert.True(r.Ok);
        Assert.Empty(r.Canonical);
        Assert.Equal("""{"CustomField":[{"Name":"Region","StringValue":"EMEA"}]}""", r.RawPatch.ToJsonString());
    }

    [Fact]
    public void Inbound_reads_raw_paths_and_inverts_lookups_and_dates()
    {
        var rules = new List<MappingRule>
        {
            new("region", "$raw.CustomField[?(@.Name=='Region')].StringValue"),
            new("status", "status", Transform: new(TransformTypes.Lookup, Table: "status")),
            new("issued", "issueDate", Transform: new(TransformTypes.Date, From: "dd/MM/yyyy", To: "yyyy-MM-dd")),
        };
        var raw = JsonNode.Parse("""{"CustomField":[{"Name":"Region","StringValue":"EU"}]}""")!.AsObject();
        var r = MappingEngine.Inbound(rules, new JsonObject { ["status"] = "C", ["issueDate"] = "2026-03-07" }, raw, Context);
        Assert.True(r.Ok, string.Join("; ", r.Errors));
        Assert.Equal("""{"region":"EU","status":"closed","issued":"07/03/2026"}""", r.Record.ToJsonString());
    }
}
