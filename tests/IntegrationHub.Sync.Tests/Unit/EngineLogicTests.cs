using System.Text.Json.Nodes;
using IntegrationHub.Core.Records;
using IntegrationHub.Core.Sync;
using IntegrationHub.Core.Sync.Engine;

namespace IntegrationHub.Sync.Tests.Unit;

public sealed class PullDecisionTests
{
    private static PullFacts Facts(bool changed = true, bool deleted = false, bool inbound = true, bool linked = true,
        string? host = "h", bool hostDeleted = false, string? @base = "h", string? incoming = "r", DeletePolicy policy = DeletePolicy.Propagate) =>
        new(changed, deleted, inbound, linked, host, hostDeleted, @base, incoming, policy);

    [Theory]
    [InlineData(false, false, true, PullAction.Unchanged)]
    [InlineData(true, false, false, PullAction.StoreOnly)]
    public void Unchanged_or_inbound_off_leaves_the_host_alone(bool changed, bool deleted, bool inbound, PullAction expected) =>
        Assert.Equal(expected, PullDecision.Decide(Facts(changed, deleted, inbound)));

    [Fact]
    public void Only_the_remote_changed_updates_the_host() => Assert.Equal(PullAction.UpdateHost, PullDecision.Decide(Facts()));

    [Fact]
    public void Both_changed_is_a_conflict() => Assert.Equal(PullAction.Conflict, PullDecision.Decide(Facts(host: "h2", @base: "h")));

    [Fact]
    public void An_unknown_base_with_different_content_is_a_conflict() =>
        Assert.Equal(PullAction.Conflict, PullDecision.Decide(Facts(linked: false, @base: null)));

    [Fact]
    public void Same_content_on_both_sides_is_in_sync() => Assert.Equal(PullAction.InSync, PullDecision.Decide(Facts(host: "x", @base: "h", incoming: "x")));

    [Fact]
    public void No_host_record_creates_one() => Assert.Equal(PullAction.CreateHost, PullDecision.Decide(Facts(linked: false, host: null, @base: null)));

    [Fact]
    public void A_host_deletion_stands() => Assert.Equal(PullAction.StoreOnly, PullDecision.Decide(Facts(hostDeleted: true)));

    [Theory]
    [InlineData(DeletePolicy.Propagate, true, PullAction.DeleteHost)]
    [InlineData(DeletePolicy.Ignore, true, PullAction.StoreOnly)]
    [InlineData(DeletePolicy.Propagate, false, PullAction.StoreOnly)]
    public void Remote_deletions_follow_the_delete_policy(DeletePolicy policy, bool linked, PullAction expected) =>
        Assert.Equal(expected, PullDecision.Decide(Facts(deleted: true, linked: linked, incoming: null, policy: policy)));

    [Theory]
    [InlineData("h", false, null, null, true)]
    [InlineData("h", true, "h", "b", false)]
    [InlineData("h", true, "old", "h", false)]
    [InlineData("h", true, "old", "b", true)]
    [InlineData("h", true, null, "b", true)]
    public void Push_is_needed_when_the_host_differs_from_both_last_pushed_and_base(string host, bool linked, string? pushed, string? @base, bool expected) =>
        Assert.Equal(expected, PullDecision.NeedsPush(host, linked, pushed, @base));

    [Theory]
    [InlineData("Invoice", "authorised", true)]
    [InlineData("Invoice", "PAID", true)]
    [InlineData("Invoice", "draft", false)]
    [InlineData("CreditNote", "voided", true)]
    [InlineData("Customer", "paid", false)]
    public void Posted_documents_are_recognised(string entity, string status, bool expected) =>
        Assert.Equal(expected, PullDecision.IsPosted(entity, new JsonObject { ["status"] = status }));
}

public sealed class ReferenceMapTests
{
    private static JsonObject Invoice() => (JsonObject)JsonNode.Parse("""
        {"customerId":"c1","lines":[{"itemId":"i1","amount":1},{"description":"no item"},{"itemId":"i2"},{"itemId":"i1"}]}
        """)!;

    [Fact]
    public void Collect_finds_every_reference_once_in_path_order() =>
        Assert.Equal([("Customer", "c1"), ("Item", "i1"), ("Item", "i2")], ReferenceMap.Collect(CanonicalEntities.Invoice, Invoice()));

    [Fact]
    public void Translate_rewrites_ids_and_leaves_the_original_alone()
    {
        var original = Invoice();
        var translated = ReferenceMap.Translate(CanonicalEntities.Invoice, original, (entity, id) => $"{entity[0]}-{id}");
        Assert.Equal("C-c1", translated["customerId"]!.GetValue<string>());
        Assert.Equal("I-i2", translated["lines"]![2]!["itemId"]!.GetValue<string>());
        Assert.Null(translated["lines"]![1]!["itemId"]);
        Assert.Equal("c1", original["customerId"]!.GetValue<string>());
    }

    [Fact]
    public void An_untranslatable_reference_names_the_path_and_the_record()
    {
        var e = Assert.Throws<UnresolvedReferenceException>(() =>
            ReferenceMap.Translate(CanonicalEntities.Invoice, Invoice(), (entity, id) => entity == CanonicalEntities.Customer ? "C" : null));
        Assert.Equal("Invoice.lines[0].itemId refers to Item 'i1', which is not linked on this connection.", e.Message);
    }

    [Fact]
    public void Entities_without_references_are_copied_unchanged()
    {
        var customer = new JsonObject { ["name"] = "A" };
        Assert.Empty(ReferenceMap.Collect(CanonicalEntities.Customer, customer));
        Assert.Equal(customer.ToJsonString(), ReferenceMap.Translate(CanonicalEntities.Customer, customer, (_, _) => null).ToJsonString());
    }
}

public sealed class SyncKeysTests
{
    private static readonly Guid Connection = Guid.Parse("0190f1a2-0000-7000-8000-000000000001");

    [Fact]
    public void Idempotency_keys_are_stable_per_record_and_content()
    {
        var key = SyncKeys.Idempotency(Connection, "Invoice", "inv-1", "hash1");
        Assert.Equal(32, key.Length);
        Assert.Equal(key, SyncKeys.Idempotency(Connection, "Invoice", "inv-1", "hash1"));
        Assert.NotEqual(key, SyncKeys.Idempotency(Connection, "Invoice", "inv-1", "hash2"));
        Assert.NotEqual(key, SyncKeys.Idempotency(Connection, "Invoice", "inv-2", "hash1"));
        Assert.NotEqual(key, SyncKeys.Idempotency(Guid.Empty, "Invoice", "inv-1", "hash1"));
    }

    [Fact]
    public void Imported_host_ids_name_their_connection_and_remote_id() =>
        Assert.Equal("0190f1a2000070008000000000000001:42", SyncKeys.ImportedHostId(Connection, "42"));

    [Theory]
    [InlineData("ih:cust-1", "cust-1")]
    [InlineData("ih:", null)]
    [InlineData("INV-1", null)]
    [InlineData(null, null)]
    public void References_written_by_the_hub_give_back_the_host_id(string? reference, string? expected) =>
        Assert.Equal(expected, SyncKeys.HostIdFromReference(reference));
}
