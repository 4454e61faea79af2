using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Sync.Tests.Unit;

public sealed class CanonicalJsonTests
{
    private static string Hash(string json) => CanonicalJson.Hash(JsonNode.Parse(json));

    [Fact]
    public void Key_order_does_not_change_the_hash() =>
        Assert.Equal(Hash("""{"a":1,"b":{"x":"1","y":"2"}}"""), Hash("""{"b":{"y":"2","x":"1"},"a":1}"""));

    [Fact]
    public void Trailing_zeros_do_not_change_an_amount() =>
        Assert.Equal(Hash("""{"amount":1.50}"""), Hash("""{"amount":1.5}"""));

    [Fact]
    public void Different_amounts_hash_differently() =>
        Assert.NotEqual(Hash("""{"amount":1.50}"""), Hash("""{"amount":1.05}"""));

    [Fact]
    public void Date_times_are_compared_in_utc() =>
        Assert.Equal(Hash("""{"at":"2026-01-31T16:00:00-08:00"}"""), Hash("""{"at":"2026-02-01T00:00:00Z"}"""));

    [Fact]
    public void Plain_dates_are_kept_as_written() =>
        Assert.Equal("""{"due":"2026-01-31"}""", CanonicalJson.Serialize(JsonNode.Parse("""{"due":"2026-01-31"}""")));

    [Fact]
    public void Volatile_fields_and_nulls_do_not_count() =>
        Assert.Equal(Hash("""{"name":"A"}"""), Hash("""{"name":"A","syncToken":"7","updatedAt":"2026-01-01T00:00:00Z","metaData":{"x":1},"email":null}"""));

    [Fact]
    public void A_caller_can_choose_its_own_volatile_fields()
    {
        var custom = new HashSet<string> { "rev" };
        Assert.Equal(CanonicalJson.Hash(JsonNode.Parse("""{"a":1,"rev":1}"""), custom), CanonicalJson.Hash(JsonNode.Parse("""{"a":1,"rev":2}"""), custom));
        Assert.NotEqual(CanonicalJson.Hash(JsonNode.Parse("""{"a":1,"syncToken":1}"""), custom), CanonicalJson.Hash(JsonNode.Parse("""{"a":1,"syncToken":2}"""), custom));
    }

    [Fact]
    public void Array_order_matters_and_nulls_inside_arrays_are_kept()
    {
        Assert.NotEqual(Hash("""{"l":[1,2]}"""), Hash("""{"l":[2,1]}"""));
        Assert.Equal("""{"l":[1,null,2]}""", CanonicalJson.Serialize(JsonNode.Parse("""{"l":[1,null,2]}""")));
    }

    [Fact]
    public void The_hash_is_lower_case_sha256_hex() =>
        Assert.Matches("^[0-9a-f]{64}$", Hash("""{"a":1}"""));

    /// <summary>The streaming writer behind Serialize and Hash must write exactly what serializing Normalize's tree writes.</summary>
    [Theory]
    [InlineData("""{"b":{"y":"2","x":"1"},"a":1,"c":[3,{"z":null,"k":1.500}],"d":null}""")]
    [InlineData("""{"amount":100.000,"tiny":0.00001,"neg":-12.50,"big":1e40,"exp":1.5E+3,"flag":true,"off":false}""")]
    [InlineData("""{"at":"2026-01-31T16:00:00.1234567-08:00","due":"2026-01-31","text":"caf\u00e9 <b>&amp;</b> \"q\" \n","notADate":"2026-01-31Tnope-not-a-date"}""")]
    [InlineData("""{"lines":[{"qty":2,"unitPrice":19.990,"itemId":"7"},null,[1,[2,null]]],"metaData":{"x":1},"syncToken":"3","empty":{},"none":[]}""")]
    [InlineData("""[1,null,{"b":2,"a":null}]""")]
    [InlineData("""null""")]
    [InlineData("\"2026-01-31T16:00:00+01:00\"")]
    public void The_streaming_form_equals_the_normalised_tree_serialized(string json)
    {
        var node = JsonNode.Parse(json);
        var options = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var expected = CanonicalJson.Normalize(node)?.ToJsonString(options) ?? "null";
        Assert.Equal(expected, CanonicalJson.Serialize(node));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected))), CanonicalJson.Hash(node));
    }

    [Fact]
    public void Values_built_in_code_are_written_like_parsed_ones()
    {
        var built = new JsonObject { ["amount"] = 12.50m, ["qty"] = 3, ["ratio"] = 0.25d, ["name"] = "A", ["at"] = "2026-01-31T16:00:00+01:00", ["ok"] = true };
        var parsed = JsonNode.Parse(built.ToJsonString());
        Assert.Equal(CanonicalJson.Serialize(parsed), CanonicalJson.Serialize(built));
        Assert.Equal("""{"amount":12.5,"at":"2026-01-31T15:00:00Z","name":"A","ok":true,"qty":3,"ratio":0.25}""", CanonicalJson.Serialize(built));
    }
}
