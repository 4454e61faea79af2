using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Sync.Tests.Unit;

public sealed class JsonPathsTests
{
    private static readonly JsonObject Record = (JsonObject)JsonNode.Parse("""{"a":{"b":[{"c":1},{"c":2}]},"x":"y"}""")!;

    [Theory]
    [InlineData("x", "\"y\"")]
    [InlineData("a.b[1].c", "2")]
    [InlineData("$.a.b[0].c", "1")]
    public void Get_follows_objects_and_indexes(string path, string expected) =>
        Assert.Equal(expected, JsonPaths.Get(Record, path)!.ToJsonString());

    [Theory]
    [InlineData("a.b[5].c")]
    [InlineData("missing.deeper")]
    [InlineData("x.y")]
    public void Get_returns_null_for_what_is_not_there(string path) => Assert.Null(JsonPaths.Get(Record, path));

    [Fact]
    public void Set_creates_objects_and_arrays_on_the_way()
    {
        var o = new JsonObject();
        JsonPaths.Set(o, "lines[1].amount", JsonValue.Create(5));
        JsonPaths.Set(o, "address.city", JsonValue.Create("Oslo"));
        Assert.Equal("""{"lines":[null,{"amount":5}],"address":{"city":"Oslo"}}""", o.ToJsonString());
    }

    [Fact]
    public void Set_with_null_removes_a_key_and_trims_trailing_array_nulls()
    {
        var o = (JsonObject)JsonNode.Parse("""{"a":1,"l":[1,2]}""")!;
        JsonPaths.Set(o, "a", null);
        JsonPaths.Set(o, "l[1]", null);
        Assert.Equal("""{"l":[1]}""", o.ToJsonString());
    }

    [Fact]
    public void Parse_rejects_bad_indexes_and_Set_rejects_shape_mismatches()
    {
        Assert.Throws<ArgumentException>(() => JsonPaths.Parse("a[x]"));
        Assert.Throws<ArgumentException>(() => JsonPaths.Set((JsonObject)JsonNode.Parse("""{"a":[1]}""")!, "a.b", JsonValue.Create(1)));
        Assert.Equal(["a", 2, "b"], JsonPaths.Parse("a[2].b"));
    }
}
