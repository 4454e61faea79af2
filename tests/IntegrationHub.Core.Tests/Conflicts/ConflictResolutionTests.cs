using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Conflicts;

namespace IntegrationHub.Core.Tests.Conflicts;

public class ConflictResolutionTests
{
    private static Conflict Sample() => new()
    {
        Entity = "Customer", HostId = "h1", RemoteId = "r1",
        Base = JsonDocument.Parse("""{"name":"Acme","email":"a@acme.test","phone":"1","city":"Oslo"}"""),
        Host = JsonDocument.Parse("""{"name":"Acme AS","email":"host@acme.test","phone":"1","city":"Oslo"}"""),
        External = JsonDocument.Parse("""{"name":"Acme","email":"ext@acme.test","phone":"2","city":"Oslo"}"""),
        ConflictingPaths = ["email"],
    };

    [Fact]
    public void Choosing_a_side_takes_it_whole_and_says_which_side_must_change()
    {
        var host = ConflictResolution.Decide(Sample(), new ResolutionRequest(ResolutionChoice.Host));
        Assert.Equal((ConflictOutcome.TakeHost, true, false), (host.Outcome, host.ExternalMustChange, host.HostMustChange));
        Assert.Equal("host@acme.test", host.Record["email"]!.GetValue<string>());
        var external = ConflictResolution.Decide(Sample(), new ResolutionRequest(ResolutionChoice.External));
        Assert.Equal((ConflictOutcome.TakeExternal, false, true), (external.Outcome, external.ExternalMustChange, external.HostMustChange));
        Assert.Equal("2", external.Record["phone"]!.GetValue<string>());
    }

    [Fact]
    public void A_merge_keeps_both_sides_other_changes_and_takes_conflicting_paths_as_chosen()
    {
        var bySide = ConflictResolution.Decide(Sample(), new ResolutionRequest(ResolutionChoice.Merged, new Dictionary<string, ConflictSide> { ["email"] = ConflictSide.External }));
        Assert.Equal(ConflictOutcome.Merged, bySide.Outcome);
        Assert.Equal(("Acme AS", "ext@acme.test", "2"), (bySide.Record["name"]!.GetValue<string>(), bySide.Record["email"]!.GetValue<string>(), bySide.Record["phone"]!.GetValue<string>()));
        Assert.True(bySide.ExternalMustChange && bySide.HostMustChange);
        Assert.Contains("'email' from external", bySide.Reason);

        var typed = ConflictResolution.Decide(Sample(), new ResolutionRequest(ResolutionChoice.Merged, Values: new Dictionary<string, JsonNode?> { ["email"] = "billing@acme.test" }));
        Assert.Equal("billing@acme.test", typed.Record["email"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, null, "needs a choice")]
    [InlineData("phone", null, "not a conflicting path")]
    [InlineData("email", "email", "both a side and a value")]
    public void An_incomplete_or_wrong_merge_is_refused_with_the_path(string? field, string? value, string message)
    {
        var fields = field is null ? null : new Dictionary<string, ConflictSide> { [field] = ConflictSide.Host };
        var values = value is null ? null : new Dictionary<string, JsonNode?> { [value] = "x" };
        var ex = Assert.Throws<InvalidResolutionException>(() => ConflictResolution.Decide(Sample(), new ResolutionRequest(ResolutionChoice.Merged, fields, values)));
        Assert.Contains(message, ex.Message);
    }
}
