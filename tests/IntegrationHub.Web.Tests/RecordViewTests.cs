using System.Text.Json;
using IntegrationHub.Web.Api;
using IntegrationHub.Web.Components.Shared;

namespace IntegrationHub.Web.Tests;

public sealed class RecordViewTests
{
    private static RecordItem Record(string json, string externalId = "c-1") =>
        new(Guid.NewGuid(), "Customer", "host", null, externalId, 1, "abc", JsonDocument.Parse(json).RootElement, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void A_diff_reads_as_added_removed_and_changed_rows_with_readable_values()
    {
        var diff = JsonDocument.Parse("""
            [{"path":"email","old":null,"new":"a@acme.test"},{"path":"phone","old":"1","new":null},
             {"path":"balance","old":10.5,"new":12},{"path":"address","old":{"city":"Oslo"},"new":{"city":"Bergen"}},{"path":"note","old":"x","new":""}]
            """).RootElement;

        var rows = RecordView.Diff(diff);

        Assert.Equal(
        [
            new DiffRow("email", "added", "—", "a@acme.test"), new DiffRow("phone", "removed", "1", "—"), new DiffRow("balance", "changed", "10.5", "12"),
            new DiffRow("address", "changed", """{"city":"Oslo"}""", """{"city":"Bergen"}"""), new DiffRow("note", "changed", "x", "(empty)"),
        ], rows);
        Assert.Empty(RecordView.Diff(JsonDocument.Parse("{}").RootElement));
    }

    [Fact]
    public void A_record_is_titled_by_its_name_number_or_else_its_id()
    {
        Assert.Equal("Acme AS", RecordView.Title(Record("""{"number":"7","name":"Acme AS"}""")));
        Assert.Equal("INV-7", RecordView.Title(Record("""{"number":"INV-7","total":3}""")));
        Assert.Equal("c-9", RecordView.Title(Record("""{"name":"","total":3}""", "c-9")));
    }

    [Theory]
    [InlineData("HostEvent", "Host event")]
    [InlineData("ConflictResolution", "Conflict resolution")]
    [InlineData("Api", "API")]
    [InlineData("Sync", "Sync")]
    public void Origins_read_as_words(string origin, string expected) => Assert.Equal(expected, RecordView.Origin(origin));

    [Fact]
    public void Entity_labels_and_short_hashes()
    {
        Assert.Equal("Credit note", RecordView.EntityLabel("CreditNote"));
        Assert.Equal("0123456789…", RecordView.ShortHash("0123456789abcdef"));
        Assert.Equal("—", RecordView.ShortHash(null));
    }

    [Fact]
    public void The_query_string_carries_only_the_filters_that_are_set()
    {
        var id = Guid.NewGuid();
        var since = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal("?page=1&pageSize=25", new RecordQuery().ToQueryString());
        Assert.Equal($"?page=3&pageSize=10&entity=CreditNote&side=external&connectionId={id}&q=a%26b%25&deleted=true&updatedSince=2026-11-01T00%3A00%3A00.0000000%2B00%3A00",
            new RecordQuery("CreditNote", "external", id, " a&b% ", true, since, 3, 10).ToQueryString());
        Assert.EndsWith("&deleted=false", new RecordQuery(Deleted: false).ToQueryString());
    }
}
