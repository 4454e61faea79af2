using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Sync.Tests.Unit;

public sealed class RecordDiffTests
{
    [Fact]
    public void Changed_added_and_removed_leaves_are_listed_by_path_in_order()
    {
        var before = JsonNode.Parse("""{"name":"A","address":{"city":"Oslo"},"lines":[{"amount":1.5},{"amount":2}],"old":"x"}""");
        var after = JsonNode.Parse("""{"name":"B","address":{"city":"Oslo","zip":"0150"},"lines":[{"amount":1.50},{"amount":3}]}""");

        var diff = RecordDiff.Compute(before, after);

        Assert.Equal(["address.zip", "lines[1].amount", "name", "old"], diff.Select(d => d.Path));
        var name = diff.Single(d => d.Path == "name");
        Assert.Equal("A", name.Old!.GetValue<string>());
        Assert.Equal("B", name.New!.GetValue<string>());
        Assert.Null(diff.Single(d => d.Path == "address.zip").Old);
        Assert.Null(diff.Single(d => d.Path == "old").New);
    }

    [Fact]
    public void Equal_records_have_no_diff() =>
        Assert.Empty(RecordDiff.Compute(JsonNode.Parse("""{"a":1.0,"b":[1]}"""), JsonNode.Parse("""{"b":[1],"a":1}""")));

    [Fact]
    public void A_new_record_diffs_against_nothing() =>
        Assert.Equal(["a", "b"], RecordDiff.Compute(null, JsonNode.Parse("""{"a":1,"b":{"c":2}}""")).Select(d => d.Path));

    [Fact]
    public void Array_growth_lists_the_new_elements() =>
        Assert.Equal(["l[1]"], RecordDiff.ChangedPaths(JsonNode.Parse("""{"l":[1]}"""), JsonNode.Parse("""{"l":[1,2]}""")));

    [Fact]
    public void A_new_record_lists_its_normalised_top_level_values()
    {
        var diff = RecordDiff.Compute(null, JsonNode.Parse("""{"b":{"y":1.50,"x":null},"a":"q","n":null}"""));
        Assert.Equal(["a", "b"], diff.Select(d => d.Path));
        Assert.All(diff, d => Assert.Null(d.Old));
        Assert.Equal("""{"y":1.5}""", diff[1].New!.ToJsonString());
        Assert.Null(diff[1].New!.Parent);
    }

    [Theory]
    [InlineData(null, """{"name":"Café <b>","lines":[{"amount":1.5}],"n":2}""")]
    [InlineData("""{"name":"A","lines":[{"amount":1.5},{"amount":2}],"old":"x"}""", """{"name":"B","lines":[{"amount":1.50},{"amount":3}]}""")]
    public void The_stored_json_is_what_the_serializer_writes(string? before, string after)
    {
        var diff = RecordDiff.Compute(before is null ? null : JsonNode.Parse(before), JsonNode.Parse(after));
        var expected = System.Text.Json.JsonSerializer.Serialize(diff, System.Text.Json.JsonSerializerOptions.Web);
        Assert.Equal(expected, RecordDiff.ToJson(diff));
    }

    private const string Created = """{"zeta":"é \"quoted\"","amount":1.50,"email":null,"syncToken":"3","at":"2026-01-31T16:00:00-08:00","address":{},"lines":[{"amount":2.0,"note":null}],"Upper":true}""";

    [Fact]
    public void A_created_records_paths_are_those_of_its_diff()
    {
        var after = JsonNode.Parse(Created)!.AsObject();
        Assert.Equal(RecordDiff.Compute(null, after).Select(d => d.Path), RecordDiff.CreatedPaths(after));
        Assert.Equal(["Upper", "address", "amount", "at", "lines", "syncToken", "zeta"], RecordDiff.CreatedPaths(after));
    }

    [Fact]
    public void A_created_version_without_a_stored_diff_reads_the_diff_it_would_have_stored()
    {
        var data = JsonNode.Parse(Created)!.AsObject();
        // What the store wrote into the diff column before created versions stopped storing it.
        var stored = RecordDiff.ToJson(RecordDiff.Compute(null, data));
        var version = new RecordVersion { Snapshot = System.Text.Json.JsonDocument.Parse(data.ToJsonString()), Hash = CanonicalJson.Hash(data), Kind = ChangeKind.Created };

        Assert.Null(version.StoredDiff);
        Assert.Equal(stored, version.Diff.RootElement.GetRawText());
        Assert.Contains("\"new\":1.5", stored);
    }

    [Fact]
    public void A_stored_diff_is_read_as_stored()
    {
        var version = new RecordVersion { Snapshot = System.Text.Json.JsonDocument.Parse("""{"a":1}"""), Diff = System.Text.Json.JsonDocument.Parse("[]"), Hash = "h" };
        Assert.Equal("[]", version.StoredDiff!.RootElement.GetRawText());
        Assert.Equal("[]", version.Diff.RootElement.GetRawText());
    }
}
