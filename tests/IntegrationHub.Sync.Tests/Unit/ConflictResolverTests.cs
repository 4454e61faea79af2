using System.Text.Json.Nodes;
using IntegrationHub.Core.Conflicts;

namespace IntegrationHub.Sync.Tests.Unit;

public sealed class ConflictResolverTests
{
    private static readonly DateTimeOffset Early = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Late = Early.AddMinutes(5);

    private static JsonObject O(string json) => (JsonObject)JsonNode.Parse(json)!;

    // Base: both agreed. Host changed name and phone; external changed email and phone.
    private static ConflictInput Input(DateTimeOffset hostAt, DateTimeOffset externalAt) => new(
        O("""{"name":"A","email":"a@x","phone":"1"}"""),
        O("""{"name":"A2","email":"a@x","phone":"2"}"""), hostAt,
        O("""{"name":"A","email":"b@x","phone":"3"}"""), externalAt);

    [Fact]
    public void Last_write_wins_takes_the_later_side()
    {
        var hostLater = ConflictResolver.Resolve(Input(Late, Early), new(ConflictPolicy.LastWriteWins));
        Assert.Equal(ConflictOutcome.TakeHost, hostLater.Outcome);
        Assert.Equal("A2", hostLater.Result!["name"]!.GetValue<string>());
        Assert.Equal(["phone"], hostLater.ConflictingPaths);
        var externalLater = ConflictResolver.Resolve(Input(Early, Late), new(ConflictPolicy.LastWriteWins));
        Assert.Equal(ConflictOutcome.TakeExternal, externalLater.Outcome);
        Assert.Equal("b@x", externalLater.Result!["email"]!.GetValue<string>());
    }

    [Fact]
    public void A_tie_goes_to_the_external_system_every_time()
    {
        var decisions = Enumerable.Range(0, 3).Select(_ => ConflictResolver.Resolve(Input(Early, Early), new(ConflictPolicy.LastWriteWins))).ToList();
        Assert.All(decisions, d => Assert.Equal(ConflictOutcome.TakeExternal, d.Outcome));
        Assert.Single(decisions.Select(d => d.Result!.ToJsonString()).Distinct());
        Assert.Contains("tie", decisions[0].Reason);
    }

    [Fact]
    public void Source_priority_ignores_time()
    {
        Assert.Equal("2", ConflictResolver.Resolve(Input(Early, Late), new(ConflictPolicy.HostWins)).Result!["phone"]!.GetValue<string>());
        Assert.Equal("3", ConflictResolver.Resolve(Input(Late, Early), new(ConflictPolicy.ExternalWins)).Result!["phone"]!.GetValue<string>());
    }

    [Fact]
    public void Field_merge_combines_changes_to_different_fields_and_falls_back_on_overlaps()
    {
        var decision = ConflictResolver.Resolve(Input(Late, Early), new(ConflictPolicy.FieldMerge, ConflictPolicy.ExternalWins));
        Assert.Equal(ConflictOutcome.Merged, decision.Outcome);
        Assert.Equal("A2", decision.Result!["name"]!.GetValue<string>());
        Assert.Equal("b@x", decision.Result["email"]!.GetValue<string>());
        Assert.Equal("3", decision.Result["phone"]!.GetValue<string>());
        Assert.Contains("'phone' from external", decision.Reason);
    }

    [Fact]
    public void Non_overlapping_changes_merge_without_a_fallback()
    {
        var input = new ConflictInput(O("""{"a":1,"b":1}"""), O("""{"a":2,"b":1}"""), Early, O("""{"a":1,"b":2}"""), Late);
        var decision = ConflictResolver.Resolve(input, new(ConflictPolicy.FieldMerge, ConflictPolicy.Manual));
        Assert.Equal(ConflictOutcome.Merged, decision.Outcome);
        Assert.Equal("""{"a":2,"b":2}""", decision.Result!.ToJsonString());
        Assert.Empty(decision.ConflictingPaths);
    }

    [Fact]
    public void Field_policies_override_per_path_and_imply_a_merge()
    {
        var settings = new ConflictSettings(ConflictPolicy.ExternalWins, ConflictPolicy.ExternalWins, new Dictionary<string, ConflictPolicy> { ["phone"] = ConflictPolicy.HostWins });
        var decision = ConflictResolver.Resolve(Input(Early, Late), settings);
        Assert.Equal(ConflictOutcome.Merged, decision.Outcome);
        Assert.Equal("2", decision.Result!["phone"]!.GetValue<string>());
        Assert.Equal("A2", decision.Result["name"]!.GetValue<string>());
    }

    [Fact]
    public void Manual_applies_nothing_and_a_manual_field_stops_a_merge()
    {
        var manual = ConflictResolver.Resolve(Input(Early, Late), new(ConflictPolicy.Manual));
        Assert.Equal(ConflictOutcome.Manual, manual.Outcome);
        Assert.Null(manual.Result);
        var field = ConflictResolver.Resolve(Input(Early, Late),
            new(ConflictPolicy.FieldMerge, ConflictPolicy.LastWriteWins, new Dictionary<string, ConflictPolicy> { ["phone"] = ConflictPolicy.Manual }));
        Assert.Equal(ConflictOutcome.Manual, field.Outcome);
        Assert.Contains("'phone'", field.Reason);
    }

    [Fact]
    public void The_same_change_on_both_sides_is_not_an_overlap()
    {
        var input = new ConflictInput(O("""{"a":1}"""), O("""{"a":2}"""), Early, O("""{"a":2}"""), Late);
        Assert.Empty(ConflictResolver.Resolve(input, new(ConflictPolicy.FieldMerge)).ConflictingPaths);
    }
}
