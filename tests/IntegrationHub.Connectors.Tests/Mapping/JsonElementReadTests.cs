using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;

namespace IntegrationHub.Connectors.Tests.Mapping;

/// <summary>Pages are mapped from elements, single answers from nodes: both readers must give the same answers.</summary>
public sealed class JsonElementReadTests
{
    private const string Sample = """
        {"s":"text","n":12.50,"big":1e400,"ns":"7.25","bad":"x","t":true,"f":false,"ts":"true","nul":null,
         "o":{"v":"inner","n":3},"a":[{"x":"1"},2,{"x":"3"}],"emptyArr":[],"arrNotObj":"no"}
        """;

    public static TheoryData<string> Names => ["s", "n", "big", "ns", "bad", "t", "f", "ts", "nul", "o", "a", "emptyArr", "arrNotObj", "missing"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Element_and_node_readers_agree(string name)
    {
        var node = (JsonObject)JsonNode.Parse(Sample)!;
        var element = JsonElement.Parse(Sample);

        Assert.Equal(node.Str(name), element.Str(name));
        Assert.Equal(node.Dec(name), element.Dec(name));
        Assert.Equal(node.Bool(name), element.Bool(name));
        Assert.Equal(node.Obj(name) is null, element.Obj(name) is null);
        Assert.Equal(node.Objects(name).Select(o => o.ToJsonString()), element.Objects(name).Select(o => o.GetRawText()));
    }

    [Fact]
    public void Chained_reads_through_a_missing_object_are_null()
    {
        var element = JsonElement.Parse(Sample);
        Assert.Equal("inner", element.Obj("o").Str("v"));
        Assert.Equal(3m, element.Obj("o").Dec("n"));
        Assert.Null(element.Obj("missing").Str("v"));
        Assert.Null(element.Obj("s").Dec("n"));
        Assert.Empty(element.Obj("missing").Objects("a"));
    }
}
