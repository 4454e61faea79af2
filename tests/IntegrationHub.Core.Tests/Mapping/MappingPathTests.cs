using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;

namespace IntegrationHub.Core.Tests.Mapping;

public class MappingPathTests
{
    private static JsonObject Invoice() => JsonNode.Parse("""
        { "number": "INV-1", "billing": { "city": "Oslo" },
          "lines": [ { "amount": 10, "tags": ["a", "b"] }, { "amount": 20 } ],
          "CustomField": [ { "Name": "Region", "StringValue": "EU" }, { "Name": "Team", "StringValue": "Blue" } ] }
        """)!.AsObject();

    [Theory]
    [InlineData("number", "\"INV-1\"")]
    [InlineData("$.number", "\"INV-1\"")]
    [InlineData("billing.city", "\"Oslo\"")]
    [InlineData("lines[1].amount", "20")]
    [InlineData("lines[0].tags[1]", "\"b\"")]
    [InlineData("CustomField[?(@.Name=='Team')].StringValue", "\"Blue\"")]
    [InlineData("CustomField[?(@.Name==\"Region\")].StringValue", "\"EU\"")]
    public void Single_paths_read_the_value(string path, string expected)
    {
        var matches = MappingPath.Parse(path).Get(Invoice(), out _);
        Assert.Equal(expected, Assert.Single(matches).Value!.ToJsonString());
    }

    [Fact]
    public void Missing_values_are_a_null_match()
    {
        Assert.Null(Assert.Single(MappingPath.Parse("billing.country").Get(Invoice(), out _)).Value);
        Assert.Null(Assert.Single(MappingPath.Parse("lines[7].amount").Get(Invoice(), out _)).Value);
        Assert.Null(Assert.Single(MappingPath.Parse("CustomField[?(@.Name=='Nope')].StringValue").Get(Invoice(), out _)).Value);
    }

    [Fact]
    public void Every_element_paths_yield_one_match_per_element_with_indices()
    {
        var matches = MappingPath.Parse("lines[].amount").Get(Invoice(), out var empty);
        Assert.False(empty);
        Assert.Equal([0, 1], matches.Select(m => m.Indices[0]));
        Assert.Equal(["10", "20"], matches.Select(m => m.Value!.ToJsonString()));
        Assert.Equal(2, MappingPath.Parse("lines[*].amount").Get(Invoice(), out _).Count);

        var none = MappingPath.Parse("lines[].amount").Get(JsonNode.Parse("""{"lines":[]}""")!.AsObject(), out var emptyArray);
        Assert.Empty(none);
        Assert.True(emptyArray);
    }

    [Fact]
    public void Set_creates_objects_arrays_and_filtered_elements()
    {
        var target = new JsonObject();
        MappingPath.Parse("lines[].amount").Set(target, [1], 5);
        MappingPath.Parse("billing.address.city").Set(target, [], "Bergen");
        MappingPath.Parse("$raw.CustomField[?(@.Name=='Region')].StringValue").Set(target, [], "EU");
        MappingPath.Parse("$raw.CustomField[?(@.Name=='Region')].Type").Set(target, [], "StringType");
        Assert.Equal("""{"lines":[{},{"amount":5}],"billing":{"address":{"city":"Bergen"}},"CustomField":[{"Name":"Region","StringValue":"EU","Type":"StringType"}]}""",
            target.ToJsonString());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a..b", "empty name")]
    [InlineData("lines[x].amount", "unsupported index")]
    [InlineData("lines[?(@.Name>'a')].x", "unsupported index")]
    [InlineData("lines[0", "unclosed")]
    [InlineData("lines[]", "must end with a field name")]
    [InlineData("[0].a", "starts with an index")]
    public void Bad_paths_are_rejected_with_the_reason(string path, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => MappingPath.Parse(path)).Message);

    [Fact]
    public void Raw_prefix_is_recognised()
    {
        var path = MappingPath.Parse("$raw.PrimaryEmailAddr.Address");
        Assert.True(path.Raw);
        Assert.Equal("$raw.PrimaryEmailAddr.Address", path.ToString());
        Assert.False(MappingPath.Parse("email").Raw);
    }
}
