using System.Text.Json.Nodes;
using IntegrationHub.Core.Mapping;
using IntegrationHub.Core.Records;

namespace IntegrationHub.Core.Tests.Mapping;

/// <summary>What the sync engine stores and keeps around a mapping: the raw view of provider fields, and host-only fields on pull.</summary>
public class SyncViewTests
{
    private static readonly MappingContext Context = new(CanonicalEntities.Customer, "quickbooks", "QuickBooks Online", new Dictionary<string, LookupData>());

    private static CompiledMapping Compile(params MappingRule[] rules) => MappingCompiler.Compile(rules, Context).Mapping!;

    private static readonly MappingRule Region = new("region", "$raw.CustomField[?(@.Name=='Region')].StringValue", MappingDirection.Outbound);

    [Fact]
    public void The_raw_view_holds_only_the_provider_fields_raw_rules_address()
    {
        var mapping = Compile(new MappingRule("name", "name"), Region, new MappingRule("", "$raw.PrivateNote", MappingDirection.Outbound, Transform: new(TransformTypes.Constant, Value: "hub")));
        var raw = new JsonObject
        {
            ["Id"] = "58", ["SyncToken"] = "3", ["PrivateNote"] = "from the hub",
            ["CustomField"] = new JsonArray(
                new JsonObject { ["DefinitionId"] = "1", ["Name"] = "Sales rep", ["StringValue"] = "Ann" },
                new JsonObject { ["DefinitionId"] = "2", ["Name"] = "Region", ["StringValue"] = "NORTH" }),
        };

        var view = MappingEngine.RawView(mapping, raw)!;

        Assert.Equal("""{"CustomField":[{"Name":"Region","StringValue":"NORTH"}],"PrivateNote":"from the hub"}""", view.ToJsonString());
        Assert.Equal("{}", MappingEngine.RawView(mapping, new JsonObject { ["Id"] = "58" })!.ToJsonString());
        Assert.Null(MappingEngine.RawView(Compile(new MappingRule("name", "name")), raw));
    }

    [Fact]
    public void A_pull_keeps_host_fields_no_inbound_rule_writes_and_takes_the_mapped_ones()
    {
        var mapping = Compile(new MappingRule("name", "name"), new MappingRule("email", "email"), Region);
        var host = new JsonObject { ["name"] = "Old name", ["email"] = "old@example.test", ["region"] = "north", ["custom"] = new JsonObject { ["tier"] = "gold" } };
        var inbound = new JsonObject { ["name"] = "New name" };

        var kept = MappingEngine.KeepHostFields(mapping, host, inbound);

        // email is written by an inbound rule: absent at the provider means absent here; region and custom are the host's own.
        Assert.Equal("""{"name":"New name","region":"north","custom":{"tier":"gold"}}""", kept.ToJsonString());
        Assert.Equal("""{"name":"New name"}""", inbound.ToJsonString());
        var nothingToKeep = new JsonObject { ["name"] = "New name" };
        Assert.Same(nothingToKeep, MappingEngine.KeepHostFields(mapping, new JsonObject { ["name"] = "x", ["email"] = "y" }, nothingToKeep));
    }
}
